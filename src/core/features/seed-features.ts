import { parseFeature, type ComposedFeature } from './composed-feature';

/**
 * The nine 0/1 seed features of DESIGN.md, in training order. Each one is a named composition of
 * operands, so seed and user features share one evaluator and one indicator cache.
 */
export const seedFeatureDefinitions = {
  price_above_ema9: 'low > EMA(9)',
  price_above_ema30: 'low > EMA(30)',
  ema9_above_ema30: 'EMA(9) > EMA(30)',
  macd_above_signal: 'MACD > MACD_SIGNAL',
  macd_above_zero: 'MACD > 0',
  macd_positive_hist: 'MACD_HIST > 0',
  ha_uptrend: 'HA_CLOSE > HA_OPEN',
  volume_above_average: 'volume > VOLUME_SMA(20)',
  price_momentum_strong: 'ROC(10) > 0.05',
} as const;

export type SeedFeatureName = keyof typeof seedFeatureDefinitions;

export const seedFeatureNames = Object.keys(seedFeatureDefinitions) as SeedFeatureName[];

export function isSeedFeatureName(name: string): name is SeedFeatureName {
  return Object.hasOwn(seedFeatureDefinitions, name);
}

export function seedFeature(name: SeedFeatureName): ComposedFeature {
  return parseFeature(seedFeatureDefinitions[name]);
}

import { evaluateComparison, featureText, parseFeature, type ComposedFeature } from './composed-feature';
import { makeOperandResolver, type Operand, type PriceColumns } from './operands';
import { isSeedFeatureName, seedFeature } from './seed-features';

/**
 * A feature in a model's feature list: a seed feature by name, or a composed feature by its text.
 * Both are stored as plain strings in models and experiments (`"ha_uptrend"`, `"close > SMA(50)"`).
 */
export type FeatureName = string;

/** Resolves a feature name to its definition; throws FeatureSyntaxError for unknown text. */
export function featureDefinition(name: FeatureName): ComposedFeature {
  return isSeedFeatureName(name) ? seedFeature(name) : parseFeature(name);
}

/** Normalises user text (`ema(12) CROSSES ABOVE ema(26)`) to the canonical feature name. */
export function canonicalFeatureName(name: FeatureName): FeatureName {
  return isSeedFeatureName(name) ? name : featureText(parseFeature(name));
}

/**
 * Every feature column of one symbol, in the order given; indicators are computed once
 * (pass the resolver of a caller that also needs the indicator columns themselves).
 */
export function computeFeatures(
  prices: PriceColumns,
  names: readonly FeatureName[],
  resolve: (operand: Operand) => Float64Array = makeOperandResolver(prices),
): Float64Array[] {
  const definitions = names.map(featureDefinition);
  return definitions.map((f) =>
    evaluateComparison(resolve(f.left), f.op, typeof f.right === 'number' ? f.right : resolve(f.right)),
  );
}

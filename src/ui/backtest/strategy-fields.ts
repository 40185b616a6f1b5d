/** The numeric settings each strategy shows in the form (and can sweep), with the core's defaults. */
import type { StrategyName } from '../../core/strategy/registry';
import { smaCrossDefaults } from '../../core/strategy/sma-cross';
import { rsiDefaults } from '../../core/strategy/rsi-reversion';
import { forecastStrategyDefaults } from '../../core/strategy/forecast';
import { dualLogisticDefaults } from '../../core/strategy/dual-logistic';

export interface StrategyField {
  key: string;
  label: string;
  defaultValue: number;
  step: number;
  min?: number;
  max?: number;
  whole?: boolean;
}

export const strategyLabels: Record<StrategyName, string> = {
  'buy-hold': 'Buy and hold',
  'sma-cross': 'SMA crossover',
  rsi: 'RSI mean reversion',
  logistic: 'Dual logistic (ML)',
  forecast: 'Forecast (Kelly sizing)',
};

const f = forecastStrategyDefaults;
const l = dualLogisticDefaults;

export const strategyFields: Record<StrategyName, StrategyField[]> = {
  'buy-hold': [],
  'sma-cross': [
    { key: 'fast', label: 'Fast SMA', defaultValue: smaCrossDefaults.fast, step: 1, min: 1, whole: true },
    { key: 'slow', label: 'Slow SMA', defaultValue: smaCrossDefaults.slow, step: 1, min: 2, whole: true },
  ],
  rsi: [
    { key: 'period', label: 'RSI period', defaultValue: rsiDefaults.period, step: 1, min: 2, whole: true },
    { key: 'lower', label: 'Buy below', defaultValue: rsiDefaults.lower, step: 1, min: 0, max: 100 },
    { key: 'upper', label: 'Sell above', defaultValue: rsiDefaults.upper, step: 1, min: 0, max: 100 },
  ],
  forecast: [
    { key: 'horizon', label: 'Horizon (days)', defaultValue: f.horizon, step: 1, min: 1, whole: true },
    { key: 'returnThresholdBuy', label: 'Buy if expected return ≥', defaultValue: f.returnThresholdBuy, step: 0.005 },
    { key: 'returnThresholdSell', label: 'Sell if expected return ≤', defaultValue: f.returnThresholdSell, step: 0.005 },
    { key: 'minConfidence', label: 'Min. confidence', defaultValue: f.minConfidence, step: 0.05, min: 0, max: 1 },
    { key: 'maxPositionWeight', label: 'Max. position weight', defaultValue: f.maxPositionWeight, step: 0.05, min: 0, max: 1 },
    { key: 'riskPerTrade', label: 'Risk per trade', defaultValue: f.riskPerTrade, step: 0.005, min: 0, max: 1 },
    { key: 'kellyFraction', label: 'Kelly fraction', defaultValue: f.kellyFraction, step: 0.05, min: 0, max: 1 },
  ],
  logistic: [
    { key: 'threshold', label: 'Confidence threshold', defaultValue: l.threshold, step: 0.05, min: 0.5, max: 1 },
    { key: 'maxPositionSize', label: 'Position size', defaultValue: l.maxPositionSize, step: 0.05, min: 0, max: 1 },
    { key: 'retrainEvery', label: 'Retrain every (dates)', defaultValue: l.retrainEvery, step: 1, min: 1, whole: true },
    { key: 'minTrainDates', label: 'Min. training dates', defaultValue: l.minTrainDates, step: 1, min: 20, whole: true },
  ],
};

export function defaultSettings(name: StrategyName): Record<string, number> {
  return Object.fromEntries(strategyFields[name].map((field) => [field.key, field.defaultValue]));
}

/**
 * The numeric settings each strategy shows in the form (and can sweep), with the core's defaults and
 * the Settings-tab key (if any) whose saved value replaces that default.
 */
import type { SettingValues } from '../../core/settings';
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
  /** Settings registry key holding the user's default for this field. */
  setting?: string;
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
    { key: 'fast', label: 'Fast SMA', defaultValue: smaCrossDefaults.fast, step: 1, min: 1, whole: true, setting: 'strategy.smaCross.fast' },
    { key: 'slow', label: 'Slow SMA', defaultValue: smaCrossDefaults.slow, step: 1, min: 2, whole: true, setting: 'strategy.smaCross.slow' },
  ],
  rsi: [
    { key: 'period', label: 'RSI period', defaultValue: rsiDefaults.period, step: 1, min: 2, whole: true, setting: 'strategy.rsi.period' },
    { key: 'lower', label: 'Buy below', defaultValue: rsiDefaults.lower, step: 1, min: 0, max: 100, setting: 'strategy.rsi.lower' },
    { key: 'upper', label: 'Sell above', defaultValue: rsiDefaults.upper, step: 1, min: 0, max: 100, setting: 'strategy.rsi.upper' },
  ],
  forecast: [
    { key: 'horizon', label: 'Horizon (days)', defaultValue: f.horizon, step: 1, min: 1, whole: true, setting: 'strategy.forecast.horizon' },
    { key: 'returnThresholdBuy', label: 'Buy if expected return ≥', defaultValue: f.returnThresholdBuy, step: 0.005, setting: 'strategy.forecast.returnThresholdBuy' },
    { key: 'returnThresholdSell', label: 'Sell if expected return ≤', defaultValue: f.returnThresholdSell, step: 0.005, setting: 'strategy.forecast.returnThresholdSell' },
    { key: 'minConfidence', label: 'Min. confidence', defaultValue: f.minConfidence, step: 0.05, min: 0, max: 1, setting: 'strategy.forecast.minConfidence' },
    { key: 'maxPositionWeight', label: 'Max. position weight', defaultValue: f.maxPositionWeight, step: 0.05, min: 0, max: 1, setting: 'strategy.forecast.maxPositionWeight' },
    { key: 'riskPerTrade', label: 'Risk per trade', defaultValue: f.riskPerTrade, step: 0.005, min: 0, max: 1, setting: 'strategy.forecast.riskPerTrade' },
    { key: 'kellyFraction', label: 'Kelly fraction', defaultValue: f.kellyFraction, step: 0.05, min: 0, max: 1, setting: 'strategy.forecast.kellyFraction' },
  ],
  logistic: [
    { key: 'threshold', label: 'Confidence threshold', defaultValue: l.threshold, step: 0.05, min: 0.5, max: 1, setting: 'ml.confidence' },
    { key: 'maxPositionSize', label: 'Position size', defaultValue: l.maxPositionSize, step: 0.05, min: 0, max: 1, setting: 'strategy.logistic.maxPositionSize' },
    { key: 'retrainEvery', label: 'Retrain every (dates)', defaultValue: l.retrainEvery, step: 1, min: 1, whole: true, setting: 'strategy.logistic.retrainEvery' },
    { key: 'minTrainDates', label: 'Min. training dates', defaultValue: l.minTrainDates, step: 1, min: 20, whole: true, setting: 'strategy.logistic.minTrainDates' },
  ],
};

/** A strategy's starting values: the user's defaults from the Settings tab where saved, else the core's. */
export function defaultSettings(name: StrategyName, userDefaults: SettingValues = {}): Record<string, number> {
  return Object.fromEntries(strategyFields[name].map((field) => {
    const saved = field.setting === undefined ? undefined : userDefaults[field.setting];
    return [field.key, typeof saved === 'number' ? saved : field.defaultValue];
  }));
}

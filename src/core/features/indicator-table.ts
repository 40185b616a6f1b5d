import { makeOperandResolver, type Operand, type PriceColumns } from './operands';
import { computeFeatures } from './feature-set';
import { seedFeatureNames } from './seed-features';

/**
 * The indicator columns of the CLI `indicators` command and the charts, named as DESIGN.md's CLI
 * contract; each column is an operand so values are the very ones the features compare.
 */
export const indicatorColumns: ReadonlyArray<readonly [string, Operand]> = [
  ['sma20', { name: 'SMA', period: 20 }],
  ['sma50', { name: 'SMA', period: 50 }],
  ['ema9', { name: 'EMA', period: 9 }],
  ['ema30', { name: 'EMA', period: 30 }],
  ['ema50', { name: 'EMA', period: 50 }],
  ['ema200', { name: 'EMA', period: 200 }],
  ['macd', { name: 'MACD' }],
  ['macd_signal', { name: 'MACD_SIGNAL' }],
  ['macd_hist', { name: 'MACD_HIST' }],
  ['rsi14', { name: 'RSI', period: 14 }],
  ['volatility20', { name: 'VOLATILITY', period: 20 }],
  ['ha_open', { name: 'HA_OPEN' }],
  ['ha_high', { name: 'HA_HIGH' }],
  ['ha_low', { name: 'HA_LOW' }],
  ['ha_close', { name: 'HA_CLOSE' }],
  ['volume_sma20', { name: 'VOLUME_SMA', period: 20 }],
  ['roc10', { name: 'ROC', period: 10 }],
  ['bb_upper20', { name: 'BB_UPPER', period: 20 }],
  ['bb_lower20', { name: 'BB_LOWER', period: 20 }],
  ['atr14', { name: 'ATR', period: 14 }],
];

/** All indicator columns then the nine seed features, as named columns in a fixed order. */
export function indicatorTable(prices: PriceColumns): { names: string[]; columns: Float64Array[] } {
  const resolve = makeOperandResolver(prices);
  const names = [...indicatorColumns.map(([name]) => name), ...seedFeatureNames];
  const columns = [...indicatorColumns.map(([, operand]) => resolve(operand)), ...computeFeatures(prices, seedFeatureNames, resolve)];
  return { names, columns };
}

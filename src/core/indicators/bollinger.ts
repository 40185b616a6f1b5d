import { rollingStd } from './rolling-std';
import { sma } from './sma';

export interface BollingerBands {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

/**
 * Bollinger bands(period, k): middle = SMA(period); upper/lower = middle ± k * std over the same window.
 * The std is the population one (ddof 0), as in Bollinger's definition and the StockCharts tables
 * (pandas' default `rolling().std()` would be ddof 1). NaN for the first period-1 bars.
 */
export function bollinger(close: Float64Array, period = 20, k = 2): BollingerBands {
  const middle = sma(close, period);
  const std = rollingStd(close, period, 0);
  const n = close.length;
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    upper[i] = middle[i] + k * std[i];
    lower[i] = middle[i] - k * std[i];
  }
  return { middle, upper, lower };
}

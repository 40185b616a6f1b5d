import { wilderAverage } from './wilder-average';

/**
 * Average True Range (Wilder). trueRange[0] = H0 - L0 (no previous close), then
 * trueRange[t] = max(H-L, |H - C[t-1]|, |L - C[t-1]|); ATR = Wilder's smoothing with the first value the
 * mean of the first `period` true ranges (bar period-1), as in Wilder's book and the StockCharts table.
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  const n = close.length;
  const trueRange = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const range = high[i] - low[i];
    if (i === 0) {
      trueRange[i] = range;
      continue;
    }
    const prev = close[i - 1];
    trueRange[i] = Math.max(range, Math.abs(high[i] - prev), Math.abs(low[i] - prev));
  }
  return wilderAverage(trueRange, period);
}

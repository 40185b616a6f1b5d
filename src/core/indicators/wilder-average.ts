import { assertPeriod } from './period';

/**
 * Wilder's original smoothing: the first average is the simple mean of the first `period` values
 * (from the first finite one), then avg[t] = (avg[t-1]*(period-1) + x[t]) / period. Values before the
 * first average are NaN. This is the seeding of Wilder's book and of the StockCharts/TA-Lib tables;
 * a NaN after the start propagates (these indicators are computed on validated bars).
 */
export function wilderAverage(values: Float64Array, period: number): Float64Array {
  assertPeriod('wilderAverage', period);
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  let start = 0;
  while (start < n && values[start] !== values[start]) start++;
  const seedEnd = start + period - 1;
  if (seedEnd >= n) return out;
  let sum = 0;
  for (let i = start; i <= seedEnd; i++) sum += values[i];
  let avg = sum / period;
  out[seedEnd] = avg;
  for (let i = seedEnd + 1; i < n; i++) {
    avg = (avg * (period - 1) + values[i]) / period;
    out[i] = avg;
  }
  return out;
}

import { assertPeriod } from './period';

/**
 * Simple moving average, pandas `rolling(period).mean()`: mean of the last `period` values; NaN for the
 * first period-1 bars and for every window that contains a NaN.
 * A running sum with Kahan compensation keeps it O(n) without drifting over millions of bars.
 */
export function sma(values: Float64Array, period: number): Float64Array {
  assertPeriod('sma', period);
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  let sum = 0;
  let compensation = 0;
  let nanCount = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    const old = i >= period ? values[i - period] : 0;
    if (x !== x) nanCount++;
    if (old !== old) nanCount--;
    // Kahan-compensated running sum of the window (NaNs are counted, not added)
    const delta = (x === x ? x : 0) - (old === old ? old : 0) - compensation;
    const next = sum + delta;
    compensation = next - sum - delta;
    sum = next;
    if (i >= period - 1 && nanCount === 0) out[i] = sum / period;
  }
  return out;
}

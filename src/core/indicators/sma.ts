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
  const add = (x: number) => {
    const y = x - compensation;
    const t = sum + y;
    compensation = t - sum - y;
    sum = t;
  };
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x === x) add(x);
    else nanCount++;
    if (i >= period) {
      const old = values[i - period];
      if (old === old) add(-old);
      else nanCount--;
    }
    if (i >= period - 1 && nanCount === 0) out[i] = sum / period;
  }
  return out;
}

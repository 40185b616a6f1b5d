import { assertPeriod } from './period';

/**
 * Rolling standard deviation over the last `period` values, pandas `rolling(period).std(ddof)`:
 * NaN for the first period-1 bars and for windows containing a NaN. Each window is computed in two
 * passes (mean, then squared deviations) so results do not suffer the cancellation of running sums of squares.
 */
export function rollingStd(values: Float64Array, period: number, ddof: 0 | 1): Float64Array {
  assertPeriod('rollingStd', period);
  if (period - ddof < 1) throw new RangeError(`rollingStd: period ${period} too short for ddof ${ddof}`);
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  let lastNan = -1;
  for (let i = 0; i < n; i++) {
    if (values[i] !== values[i]) lastNan = i;
    if (i < period - 1 || lastNan > i - period) continue;
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += values[j];
    const mean = sum / period;
    let squares = 0;
    for (let j = i - period + 1; j <= i; j++) {
      const d = values[j] - mean;
      squares += d * d;
    }
    out[i] = Math.sqrt(squares / (period - ddof));
  }
  return out;
}

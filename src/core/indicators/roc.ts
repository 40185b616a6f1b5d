import { assertPeriod } from './period';

/**
 * Rate of change as a fraction (not percent): roc[t] = x[t] / x[t-period] - 1, NaN for the first `period`
 * bars (pandas `pct_change(period)`). 0.05 means +5%.
 */
export function roc(values: Float64Array, period: number): Float64Array {
  assertPeriod('roc', period);
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  for (let i = period; i < n; i++) out[i] = values[i] / values[i - period] - 1;
  return out;
}

/**
 * Exponentially weighted mean with pandas semantics `ewm(alpha, adjust=False, ignore_na=False).mean()`:
 * - leading NaN inputs give NaN; the mean starts at the first finite input (first value = first input);
 * - afterwards y[t] = alpha*x[t] + (1-alpha)*y[t-1];
 * - an interior NaN input repeats the previous mean, and the gap keeps decaying the old weight, so the next
 *   value is y = (w*y_prev + alpha*x) / (w + alpha) with w = (1-alpha)^(gap+1), exactly as pandas does.
 * EMA (alpha = 2/(n+1)) and Wilder's smoothing in the DESIGN's RSI (alpha = 1/n) are both this function.
 */
export function ewmMean(values: Float64Array, alpha: number): Float64Array {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`ewmMean: alpha must be in (0, 1], got ${alpha}`);
  const n = values.length;
  const out = new Float64Array(n);
  const decay = 1 - alpha;
  let mean = NaN;
  let oldWeight = 1;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (mean !== mean) {
      // not started yet: wait for the first finite input
      mean = x;
    } else if (x === x) {
      if (oldWeight === 1) {
        mean = decay * mean + alpha * x;
      } else {
        const w = oldWeight * decay;
        mean = (w * mean + alpha * x) / (w + alpha);
        oldWeight = 1;
      }
    } else {
      oldWeight *= decay;
    }
    out[i] = mean;
  }
  return out;
}

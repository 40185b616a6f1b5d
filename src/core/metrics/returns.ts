/** Daily simple returns of a value curve (close to close): r[t] = v[t+1] / v[t] - 1; length n - 1. */
export function dailyReturns(values: Float64Array): Float64Array {
  const n = Math.max(0, values.length - 1);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = values[t + 1] / values[t] - 1;
  return out;
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Sample standard deviation (ddof 1); NaN with fewer than 2 values. */
export function sampleStd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - m) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** Sample covariance (ddof 1) of two equally long series. */
export function sampleCovariance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n < 2 || b.length !== n) return NaN;
  const ma = mean(a);
  const mb = mean(b);
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (n - 1);
}

/** Linear-interpolated empirical quantile (numpy's default "linear" method), q in [0, 1]. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

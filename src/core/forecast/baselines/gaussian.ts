/**
 * Shared pieces of the baselines: turning a point forecast and a residual spread into quantiles.
 * Each baseline assumes Gaussian errors whose standard deviation grows with the step ahead as its own
 * model implies (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., 5.5).
 */

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9,
 * ample for drawing bands).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = 0.02425;
  if (p < tail || p > 1 - tail) {
    const q = Math.sqrt(-2 * Math.log(p < tail ? p : 1 - p));
    const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < tail ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Root mean square of the finite residuals (a mean-zero spread, as FPP uses for the benchmark
 * methods' intervals); 0 when there is none.
 */
export function residualSpread(residuals: ArrayLike<number>, degreesOfFreedomUsed = 0): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < residuals.length; i++) {
    const r = residuals[i];
    if (Number.isFinite(r)) {
      sum += r * r;
      n++;
    }
  }
  const dof = n - degreesOfFreedomUsed;
  return dof > 0 ? Math.sqrt(sum / dof) : 0;
}

/** levels x horizon quantiles (row-major) of Normal(point[t], sigma[t]). */
export function gaussianQuantiles(levels: readonly number[], point: Float64Array, sigma: Float64Array): Float64Array {
  const horizon = point.length;
  const out = new Float64Array(levels.length * horizon);
  levels.forEach((level, q) => {
    const z = normalQuantile(level);
    for (let t = 0; t < horizon; t++) out[q * horizon + t] = point[t] + z * sigma[t];
  });
  return out;
}

/** The observed values with leading/trailing missing values removed and inner ones kept (NaN). */
export function observedSpan(target: Float64Array): Float64Array {
  let start = 0;
  let end = target.length;
  while (start < end && !Number.isFinite(target[start])) start++;
  while (end > start && !Number.isFinite(target[end - 1])) end--;
  return target.subarray(start, end);
}

/**
 * How a model's predicted probabilities are spread, to explain why a threshold gives few or no
 * signals: a histogram over [0, 1], the highest value, how many bars pass a threshold, and the
 * threshold that would let a given share of bars through. NaN (warm-up bars) is skipped everywhere.
 */

/** Counts of values in `bins` equal-width bins over [0, 1]; 1 falls in the last bin. */
export function probabilityHistogram(values: ArrayLike<number>, bins: number): Uint32Array {
  const counts = new Uint32Array(bins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0 && v <= 1)) continue;
    counts[Math.min(bins - 1, Math.floor(v * bins))] += 1;
  }
  return counts;
}

/** Values strictly above `threshold` (the signal rule is p > threshold). */
export function countAbove(values: ArrayLike<number>, threshold: number): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > threshold) n += 1;
  return n;
}

/** The largest finite value, or NaN when there is none. */
export function highest(values: ArrayLike<number>): number {
  let best = Number.NaN;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && !(values[i] <= best)) best = values[i];
  return best;
}

/**
 * The threshold, rounded down to 0.01, above which about `share` of the finite values lie: the
 * (1 - share) quantile (numpy's default linear interpolation). NaN when there are no values.
 */
export function thresholdForShare(values: ArrayLike<number>, share: number): number {
  const sorted = Float64Array.from(Array.prototype.filter.call(values, Number.isFinite) as number[]).sort();
  if (sorted.length === 0) return Number.NaN;
  const position = (1 - share) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(sorted.length - 1, lower + 1);
  const quantile = sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
  return Math.floor(quantile * 100) / 100;
}

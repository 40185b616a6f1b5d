/**
 * Quantile helpers of the Chronos-2 pipeline (PIPELINE-FACTS.md §5.5–5.6 and §5.8): level masses,
 * weighted quantiles of the unrolled sample paths, and interpolation between predicted levels.
 */
const f32 = Math.fround;

/**
 * Probability mass of each level: (next − previous)/2 with 0 and 1 as the outer neighbours, normalised
 * to sum 1 (float32, like the official code).
 */
export function levelMass(levels: readonly number[]): Float32Array {
  const raw = levels.map((q, i) => f32(((levels[i + 1] ?? 1) - (levels[i - 1] ?? 0)) / 2));
  const total = f32(raw.reduce((a, b) => a + b, 0));
  return Float32Array.from(raw, (m) => f32(m / total));
}

/**
 * Weighted quantiles of `samples` [series, count, steps] (row-major) at `queries`, returning
 * [series, queries.length, steps]. Per (series, step): sort the samples with their weights, take the
 * cumulative weights in DOUBLE (float32 accumulation drifts by ~1e-4), clamp to [0, 1], add the end
 * points (0, min) / (1, max) when the batch-wide extreme cumulative weight falls short of them, then
 * interpolate linearly at each query with a right-sided search.
 */
export function weightedQuantiles(samples: Float32Array, series: number, count: number, steps: number, weights: Float32Array, queries: readonly number[]): Float32Array {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const normalized = Float32Array.from(weights, (w) => f32(w / weightSum));
  const cells = series * steps;
  const sortedValues = new Float32Array(cells * count);
  const cumulative = new Float32Array(cells * count);
  const order = Array.from({ length: count }, (_, i) => i);
  const values = new Float32Array(count);
  let smallestFirst = Infinity, largestLast = -Infinity;
  for (let s = 0; s < series; s++) {
    for (let t = 0; t < steps; t++) {
      for (let k = 0; k < count; k++) values[k] = samples[(s * count + k) * steps + t];
      order.sort((a, b) => values[a] - values[b] || a - b);
      const cell = (s * steps + t) * count;
      let sum = 0;
      for (let k = 0; k < count; k++) {
        sortedValues[cell + k] = values[order[k]];
        sum += normalized[order[k]];
        cumulative[cell + k] = Math.min(1, Math.max(0, f32(sum)));
      }
      smallestFirst = Math.min(smallestFirst, cumulative[cell]);
      largestLast = Math.max(largestLast, cumulative[cell + count - 1]);
    }
  }
  const prependZero = smallestFirst > 0;
  const appendOne = largestLast < 1;
  const points = count + (prependZero ? 1 : 0) + (appendOne ? 1 : 0);
  const levels = new Float64Array(points);
  const pointValues = new Float64Array(points);
  const out = new Float32Array(series * queries.length * steps);
  for (let s = 0; s < series; s++) {
    for (let t = 0; t < steps; t++) {
      const cell = (s * steps + t) * count;
      let p = 0;
      if (prependZero) { levels[p] = 0; pointValues[p++] = sortedValues[cell]; }
      for (let k = 0; k < count; k++) { levels[p] = cumulative[cell + k]; pointValues[p++] = sortedValues[cell + k]; }
      if (appendOne) { levels[p] = 1; pointValues[p++] = sortedValues[cell + count - 1]; }
      queries.forEach((q, qi) => {
        out[(s * queries.length + qi) * steps + t] = interpolateAt(levels, pointValues, q);
      });
    }
  }
  return out;
}

/**
 * Linear interpolation through points (levels[i], values[i]) at `q`: the first point with level > q
 * (clamped to the last point) and its predecessor; weight 0 when both levels are equal.
 */
function interpolateAt(levels: Float64Array, values: Float64Array, q: number): number {
  let hi = levels.length - 1;
  for (let i = 0; i < levels.length; i++) {
    if (levels[i] > q) { hi = i; break; }
  }
  const lo = Math.max(hi - 1, 0);
  const span = f32(levels[hi] - levels[lo]);
  const w = span === 0 ? 0 : f32(f32(q - levels[lo]) / span);
  return f32(values[lo] + f32(w * f32(values[hi] - values[lo])));
}

/**
 * Values at `queries` from values at ascending `levels` ([rows, levels.length, steps] → [rows,
 * queries.length, steps]): exact columns where a query is a level, linear interpolation in level between
 * neighbours otherwise, held at the first/last level outside [levels[0], levels[last]].
 */
export function interpolateLevels(values: Float32Array, rows: number, levels: readonly number[], steps: number, queries: readonly number[]): Float32Array {
  const L = levels.length;
  const out = new Float32Array(rows * queries.length * steps);
  queries.forEach((q, qi) => {
    let lo: number, hi: number, w: number;
    const exact = levels.indexOf(q);
    if (exact >= 0) [lo, hi, w] = [exact, exact, 0];
    else if (q <= levels[0]) [lo, hi, w] = [0, 0, 0];
    else if (q >= levels[L - 1]) [lo, hi, w] = [L - 1, L - 1, 0];
    else {
      hi = levels.findIndex((level) => level > q);
      lo = hi - 1;
      w = f32(f32(q - levels[lo]) / f32(levels[hi] - levels[lo]));
    }
    for (let r = 0; r < rows; r++)
      for (let t = 0; t < steps; t++) {
        const a = values[(r * L + lo) * steps + t];
        const b = values[(r * L + hi) * steps + t];
        out[(r * queries.length + qi) * steps + t] = w === 0 ? a : f32(a + f32(w * f32(b - a)));
      }
  });
  return out;
}

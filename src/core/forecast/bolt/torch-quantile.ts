/**
 * `torch.quantile(values, levels)` (linear interpolation) on float32, as the Bolt pipeline uses it: sort the
 * sample ascending, rank = level · (n − 1) in float32, interpolate between the two neighbouring order statistics
 * with torch's two-sided lerp. A sample containing NaN gives NaN (torch.quantile is not nanquantile).
 */
export function torchQuantiles(sample: Float32Array, levels: Float32Array, out: Float32Array, outOffset = 0, outStride = 1): void {
  const n = sample.length;
  if (sample.some(Number.isNaN)) {
    for (let k = 0; k < levels.length; k++) out[outOffset + k * outStride] = NaN;
    return;
  }
  const sorted = sample.slice().sort();
  for (let k = 0; k < levels.length; k++) {
    const rank = Math.fround(levels[k] * (n - 1));
    const below = Math.floor(rank);
    const above = Math.ceil(rank);
    out[outOffset + k * outStride] = lerp(sorted[below], sorted[above], Math.fround(rank - below));
  }
}

/** torch.lerp: start + w·(end − start) for w < 0.5, end − (end − start)·(1 − w) otherwise, in float32. */
function lerp(start: number, end: number, weight: number): number {
  const diff = Math.fround(end - start);
  return Math.abs(weight) < 0.5
    ? Math.fround(start + Math.fround(weight * diff))
    : Math.fround(end - Math.fround(diff * Math.fround(1 - weight)));
}

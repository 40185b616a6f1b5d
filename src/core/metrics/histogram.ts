/** Equal-width histograms of returns (the return-distribution charts of the app and the HTML report). */
export interface Histogram {
  /** Bin edges (length bins + 1). */
  edges: Float64Array;
  counts: Uint32Array;
}

/** Equal-width bins over [min, max] of the finite values. */
export function histogram(values: ArrayLike<number>, bins = 40): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const counts = new Uint32Array(bins);
  if (!(max >= min)) return { edges: new Float64Array(0), counts: new Uint32Array(0) };
  const width = max > min ? (max - min) / bins : 1;
  const edges = Float64Array.from({ length: bins + 1 }, (_, i) => min + i * width);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) counts[Math.min(bins - 1, Math.floor((v - min) / width))] += 1;
  }
  return { edges, counts };
}

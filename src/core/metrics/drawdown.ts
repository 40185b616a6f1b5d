/**
 * Drawdowns of a value curve: the curve relative to its running peak. Episodes run from a peak to
 * the first bar back at (or above) that peak, or to the end of the curve when never recovered.
 */
export interface DrawdownEpisode {
  /** Bar indices: the peak, the trough, and the recovery (-1 while not recovered). */
  peak: number;
  trough: number;
  recovery: number;
  /** Depth at the trough as a fraction (negative). */
  depth: number;
  /** Bars from the peak to the recovery (or to the last bar). */
  lengthBars: number;
}

/** value[t] / max(value[0..t]) - 1 (0 at new highs, negative below). */
export function drawdownSeries(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let peak = -Infinity;
  for (let t = 0; t < values.length; t++) {
    if (values[t] > peak) peak = values[t];
    out[t] = values[t] / peak - 1;
  }
  return out;
}

export function drawdownEpisodes(values: Float64Array): DrawdownEpisode[] {
  const dd = drawdownSeries(values);
  const episodes: DrawdownEpisode[] = [];
  let current: DrawdownEpisode | undefined;
  for (let t = 0; t < dd.length; t++) {
    if (dd[t] < 0) {
      if (!current) current = { peak: t - 1, trough: t, recovery: -1, depth: dd[t], lengthBars: 0 };
      if (dd[t] < current.depth) {
        current.depth = dd[t];
        current.trough = t;
      }
    } else if (current) {
      current.recovery = t;
      current.lengthBars = t - current.peak;
      episodes.push(current);
      current = undefined;
    }
  }
  if (current) {
    current.lengthBars = dd.length - 1 - current.peak;
    episodes.push(current);
  }
  return episodes;
}

/** The deepest drawdown (a negative fraction, 0 for a curve that never falls). */
export function maxDrawdown(values: Float64Array): number {
  let worst = 0;
  for (const d of drawdownSeries(values)) if (d < worst) worst = d;
  return worst;
}

/** The `count` deepest episodes, deepest first (the drawdown table of the reports). */
export function worstDrawdowns(values: Float64Array, count = 5): DrawdownEpisode[] {
  return drawdownEpisodes(values).sort((a, b) => a.depth - b.depth).slice(0, count);
}

/** 100 * sqrt(mean(dd_t^2)) over every bar: depth and length of drawdowns in one number (Peter Martin). */
export function ulcerIndexPct(values: Float64Array): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const d of drawdownSeries(values)) sum += d * d;
  return 100 * Math.sqrt(sum / values.length);
}

/** Total return / |max drawdown|: how many times the worst fall was earned back (NaN without a fall). */
export function recoveryFactor(values: Float64Array): number {
  const worst = maxDrawdown(values);
  return worst < 0 ? (values[values.length - 1] / values[0] - 1) / Math.abs(worst) : NaN;
}

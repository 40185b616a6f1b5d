import type { Forecast } from './types';

/**
 * Turns a model's raw quantile output into the `Forecast` every screen and strategy reads:
 * median, 80%/95% intervals, expected return and directional confidence.
 *
 * Conventions (documented in docs/forecasting.md):
 * - A level the model does not predict is read by linear interpolation in the level between the two
 *   nearest predicted levels. Below the lowest / above the highest level the value is *held* at that
 *   extreme level (never extrapolated), and the interval is marked `held: true`. This is what the
 *   official Chronos-Bolt pipeline does (it pads the quantiles with copies of the extremes at 0 and 1),
 *   so e.g. Bolt's 95% interval (levels 0.1..0.9) equals its 80% interval and says so.
 * - expectedReturn = median at the horizon end / lastPrice - 1 (DESIGN.md); NaN when lastPrice is
 *   not a positive number (non-price series).
 * - confidence = forecast probability that the value at the horizon end lies on the predicted side of
 *   lastPrice (above when the median is above it, below when below), read from a piecewise-linear CDF
 *   through the points (value_q, q) at the horizon end. Outside the predicted values the CDF is clamped
 *   to [lowest level, highest level]: the model says nothing about its tails, so we never claim more than
 *   it does. Values are sorted first (quantile crossing would otherwise make the CDF non-monotone).
 *   When the median equals lastPrice there is no predicted direction: confidence = 0.5.
 */
export interface QuantileOutput {
  /** Ascending quantile levels in (0, 1). */
  levels: readonly number[];
  /** levels.length x horizon, row-major: quantiles[q * horizon + t]. */
  quantiles: Float64Array;
  horizon: number;
  /** Last observed value of the target (the price the return is measured from). */
  lastPrice: number;
}

export interface ForecastInterval {
  lower: Float64Array;
  upper: Float64Array;
  /** True when a bound lies outside the model's levels and was held at the nearest predicted level. */
  held?: boolean;
}

export function summarizeForecast(output: QuantileOutput): Forecast {
  const { levels, quantiles, horizon, lastPrice } = output;
  validate(output);
  const median = quantileRow(levels, quantiles, horizon, 0.5);
  const end = median[horizon - 1];
  const expectedReturn = lastPrice > 0 && Number.isFinite(lastPrice) ? end / lastPrice - 1 : Number.NaN;
  return {
    levels: [...levels],
    quantiles,
    horizon,
    median,
    interval80: centralInterval(levels, quantiles, horizon, 0.8),
    interval95: centralInterval(levels, quantiles, horizon, 0.95),
    expectedReturn,
    confidence: directionalConfidence(levels, columnAt(quantiles, levels.length, horizon, horizon - 1), lastPrice, end),
  };
}

/** The values of one level across the horizon, interpolated/held as described above. */
export function quantileRow(levels: readonly number[], quantiles: Float64Array, horizon: number, level: number): Float64Array {
  const row = new Float64Array(horizon);
  const { lo, hi, weight } = bracket(levels, level);
  for (let t = 0; t < horizon; t++) {
    const a = quantiles[lo * horizon + t];
    const b = quantiles[hi * horizon + t];
    row[t] = weight === 0 ? a : a + weight * (b - a);
  }
  return row;
}

export function centralInterval(levels: readonly number[], quantiles: Float64Array, horizon: number, coverage: number): ForecastInterval {
  const lowLevel = (1 - coverage) / 2;
  const highLevel = 1 - lowLevel;
  const interval: ForecastInterval = {
    lower: quantileRow(levels, quantiles, horizon, lowLevel),
    upper: quantileRow(levels, quantiles, horizon, highLevel),
  };
  // A tiny tolerance so that 0.1 computed as (1 - 0.8) / 2 = 0.09999999999999998 still counts as level 0.1.
  if (lowLevel < levels[0] - 1e-12 || highLevel > levels[levels.length - 1] + 1e-12) interval.held = true;
  return interval;
}

/**
 * Probability mass on the predicted side of `lastPrice` at the horizon end (see the module comment).
 * `values` are the quantile values at the horizon end, one per level.
 */
export function directionalConfidence(levels: readonly number[], values: ArrayLike<number>, lastPrice: number, median: number): number {
  if (!Number.isFinite(lastPrice) || !Number.isFinite(median)) return Number.NaN;
  if (median === lastPrice) return 0.5;
  const sorted = Float64Array.from(values).sort();
  return median > lastPrice ? 1 - cdfAtOrBelow(levels, sorted, lastPrice) : cdfBelow(levels, sorted, lastPrice);
}

/** P(X <= x): ties at x count as below (so "above" is never overstated). */
function cdfAtOrBelow(levels: readonly number[], values: Float64Array, x: number): number {
  let j = -1;
  while (j + 1 < values.length && values[j + 1] <= x) j++;
  if (j < 0) return levels[0];
  if (j === values.length - 1) return levels[j];
  return levels[j] + ((x - values[j]) / (values[j + 1] - values[j])) * (levels[j + 1] - levels[j]);
}

/** P(X < x): ties at x count as above (so "below" is never overstated). */
function cdfBelow(levels: readonly number[], values: Float64Array, x: number): number {
  let i = 0;
  while (i < values.length && values[i] < x) i++;
  if (i === 0) return levels[0];
  if (i === values.length) return levels[i - 1];
  return levels[i - 1] + ((x - values[i - 1]) / (values[i] - values[i - 1])) * (levels[i] - levels[i - 1]);
}

/** Nearest predicted levels around `level` and the interpolation weight (0 when exact or held). */
function bracket(levels: readonly number[], level: number): { lo: number; hi: number; weight: number } {
  const last = levels.length - 1;
  if (level <= levels[0]) return { lo: 0, hi: 0, weight: 0 };
  if (level >= levels[last]) return { lo: last, hi: last, weight: 0 };
  let hi = 1;
  while (levels[hi] < level) hi++;
  const lo = hi - 1;
  return { lo, hi, weight: (level - levels[lo]) / (levels[hi] - levels[lo]) };
}

function columnAt(quantiles: Float64Array, nLevels: number, horizon: number, t: number): Float64Array {
  const column = new Float64Array(nLevels);
  for (let q = 0; q < nLevels; q++) column[q] = quantiles[q * horizon + t];
  return column;
}

function validate({ levels, quantiles, horizon }: QuantileOutput): void {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a positive integer, got ${horizon}`);
  if (levels.length === 0) throw new RangeError('at least one quantile level is required');
  for (let i = 0; i < levels.length; i++) {
    if (!(levels[i] > 0 && levels[i] < 1)) throw new RangeError(`quantile level ${i} is ${levels[i]}, expected a number in (0, 1)`);
    if (i > 0 && !(levels[i] > levels[i - 1])) throw new RangeError(`quantile levels must be strictly ascending (level ${i}: ${levels[i]} after ${levels[i - 1]})`);
  }
  if (quantiles.length !== levels.length * horizon) {
    throw new RangeError(`quantiles has ${quantiles.length} values, expected levels (${levels.length}) x horizon (${horizon}) = ${levels.length * horizon}`);
  }
}

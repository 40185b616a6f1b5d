/**
 * Forecast accuracy metrics over one forecast window (a horizon of actual values after an origin).
 * Definitions follow the Chronos papers / GluonTS so numbers are comparable with published tables.
 */

/** Pinball (quantile) loss of one prediction: q*(y - yhat) when y >= yhat, else (1 - q)*(yhat - y). */
export function pinballLoss(actual: number, predicted: number, level: number): number {
  return actual >= predicted ? level * (actual - predicted) : (1 - level) * (predicted - actual);
}

/**
 * MASE scale: mean absolute seasonal difference |y(t) - y(t-m)| of the history the forecast saw
 * (in-sample seasonal naive error). NaN when no pair is observed; 0 for a flat history.
 */
export function seasonalNaiveScale(history: ArrayLike<number>, season: number): number {
  let sum = 0;
  let n = 0;
  for (let t = season; t < history.length; t++) {
    const d = history[t] - history[t - season];
    if (Number.isFinite(d)) {
      sum += Math.abs(d);
      n++;
    }
  }
  return n > 0 ? sum / n : Number.NaN;
}

/** Mean absolute error of the point forecast over the window, divided by the scale (NaN if the scale is 0). */
export function meanAbsoluteScaledError(actual: ArrayLike<number>, point: ArrayLike<number>, scale: number): number {
  if (!(scale > 0)) return Number.NaN;
  let sum = 0;
  let n = 0;
  for (let t = 0; t < actual.length; t++) {
    if (!Number.isFinite(actual[t])) continue;
    sum += Math.abs(actual[t] - point[t]);
    n++;
  }
  return n > 0 ? sum / n / scale : Number.NaN;
}

/**
 * Sums behind the weighted quantile loss of one window, so windows can be pooled before dividing:
 * WQL = mean over levels of 2 * sum(pinball) / sum(|y|) = lossSum / (levels * absSum).
 * `quantileAt(q, t)` gives the forecast at `levels[q]` and step t.
 */
export function quantileLossSums(actual: ArrayLike<number>, levels: readonly number[], quantileAt: (q: number, t: number) => number): { lossSum: number; absSum: number } {
  let lossSum = 0;
  let absSum = 0;
  for (let t = 0; t < actual.length; t++) {
    const y = actual[t];
    if (!Number.isFinite(y)) continue;
    absSum += Math.abs(y);
    for (let q = 0; q < levels.length; q++) lossSum += 2 * pinballLoss(y, quantileAt(q, t), levels[q]);
  }
  return { lossSum, absSum };
}

/** Observed actual values inside [lower, upper] (inclusive), and how many were observed. */
export function countCovered(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): { covered: number; observed: number } {
  let covered = 0;
  let observed = 0;
  for (let t = 0; t < actual.length; t++) {
    if (!Number.isFinite(actual[t])) continue;
    observed++;
    if (actual[t] >= lower[t] && actual[t] <= upper[t]) covered++;
  }
  return { covered, observed };
}

/**
 * Did the forecast get the direction of the move from the last price to the horizon end right?
 * `undefined` when there is no direction to compare: the actual move is zero or unobserved, or the forecast
 * predicts no move (median equal to the last price, as naive forecasts always do). So a forecaster that
 * never predicts a move has no hit rate at all rather than a hit rate of 0%.
 */
export function directionHit(lastPrice: number, actualEnd: number, predictedEnd: number): boolean | undefined {
  const actualMove = Math.sign(actualEnd - lastPrice);
  const predictedMove = Math.sign(predictedEnd - lastPrice);
  if (!Number.isFinite(actualMove) || actualMove === 0 || !Number.isFinite(predictedMove) || predictedMove === 0) return undefined;
  return predictedMove === actualMove;
}

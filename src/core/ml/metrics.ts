/**
 * Classification metrics of one target's probabilities against its 0/1 labels, over chosen rows.
 */
export interface RocPoint {
  fpr: number;
  tpr: number;
}

/** Scores of positive and negative rows, each sorted ascending: what AUC and ROC are computed from. */
export interface ClassScores {
  positive: Float64Array;
  negative: Float64Array;
}

/**
 * The scores of the chosen rows split by label and sorted (native numeric sort of Float64Arrays:
 * much faster than sorting row indices with a comparator). Sort once, then take AUC and ROC.
 */
export function classScores(scores: Float64Array, labels: Uint8Array, rows: ArrayLike<number>): ClassScores {
  let positives = 0;
  for (let k = 0; k < rows.length; k++) positives += labels[rows[k]];
  const positive = new Float64Array(positives);
  const negative = new Float64Array(rows.length - positives);
  let p = 0;
  let q = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    if (labels[i]) positive[p++] = scores[i];
    else negative[q++] = scores[i];
  }
  return { positive: positive.sort(), negative: negative.sort() };
}

/**
 * Area under the ROC curve as the Mann-Whitney statistic: the probability that a random positive
 * scores above a random negative, ties counting one half. NaN without both classes.
 */
export function auc({ positive, negative }: ClassScores): number {
  if (positive.length === 0 || negative.length === 0) return NaN;
  let wins = 0;
  let below = 0; // negatives scoring strictly below the current positive
  let tiedEnd = 0; // negatives scoring at most the current positive
  for (const s of positive) {
    while (below < negative.length && negative[below] < s) below++;
    if (tiedEnd < below) tiedEnd = below;
    while (tiedEnd < negative.length && negative[tiedEnd] === s) tiedEnd++;
    wins += below + (tiedEnd - below) / 2;
  }
  return wins / (positive.length * negative.length);
}

/** ROC curve from the highest threshold down, one point per distinct score, thinned to ~maxPoints. */
export function rocCurve({ positive, negative }: ClassScores, maxPoints = 101): RocPoint[] {
  const points: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  if (positive.length === 0 || negative.length === 0) return points;
  // walk both sorted lists from the top, taking every row at the next highest score at once
  let p = positive.length - 1;
  let q = negative.length - 1;
  while (p >= 0 || q >= 0) {
    const threshold = Math.max(p >= 0 ? positive[p] : -Infinity, q >= 0 ? negative[q] : -Infinity);
    while (p >= 0 && positive[p] === threshold) p--;
    while (q >= 0 && negative[q] === threshold) q--;
    points.push({ fpr: (negative.length - 1 - q) / negative.length, tpr: (positive.length - 1 - p) / positive.length });
  }
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, k) => points[Math.round(k * step)]);
}

/** Confusion matrix when predicting positive for probability > threshold (the signal rule). */
export interface Confusion {
  threshold: number;
  truePositive: number;
  falsePositive: number;
  trueNegative: number;
  falseNegative: number;
  accuracy: number;
  /** NaN when nothing is predicted positive. */
  precision: number;
  recall: number;
  /** Share of positive labels. */
  baseRate: number;
}

export function confusionAt(probabilities: Float64Array, labels: Uint8Array, rows: ArrayLike<number>, threshold: number): Confusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const predicted = probabilities[i] > threshold;
    if (labels[i]) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  }
  const n = tp + fp + tn + fn;
  return {
    threshold,
    truePositive: tp,
    falsePositive: fp,
    trueNegative: tn,
    falseNegative: fn,
    accuracy: (tp + tn) / n,
    precision: tp / (tp + fp),
    recall: tp / (tp + fn),
    baseRate: (tp + fn) / n,
  };
}

export interface CalibrationBin {
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Reliability curve: rows grouped into equal-width probability bins; empty bins are left out. */
export function calibration(probabilities: Float64Array, labels: Uint8Array, rows: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const count = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const observed = new Float64Array(bins);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const b = Math.min(bins - 1, Math.floor(probabilities[i] * bins));
    count[b]++;
    predicted[b] += probabilities[i];
    observed[b] += labels[i];
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    out.push({ from: b / bins, to: (b + 1) / bins, count: count[b], meanPredicted: predicted[b] / count[b], observedRate: observed[b] / count[b] });
  }
  return out;
}

/**
 * Classification metrics of one target's probabilities against its 0/1 labels, over chosen rows.
 */
export interface RocPoint {
  fpr: number;
  tpr: number;
}

/**
 * Area under the ROC curve as the Mann-Whitney statistic: the probability that a random positive
 * scores above a random negative, ties counting one half (average ranks). NaN without both classes.
 */
export function auc(scores: Float64Array, labels: Uint8Array, rows: ArrayLike<number>): number {
  const order = sortedByScore(scores, rows);
  let positives = 0;
  let rankSumPositive = 0;
  for (let a = 0; a < order.length; ) {
    let b = a;
    while (b + 1 < order.length && scores[order[b + 1]] === scores[order[a]]) b++;
    const averageRank = (a + b + 2) / 2; // ranks are 1-based
    for (let k = a; k <= b; k++) {
      if (labels[order[k]]) {
        positives++;
        rankSumPositive += averageRank;
      }
    }
    a = b + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSumPositive - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** ROC curve from the highest threshold down, one point per distinct score, thinned to ~maxPoints. */
export function rocCurve(scores: Float64Array, labels: Uint8Array, rows: ArrayLike<number>, maxPoints = 101): RocPoint[] {
  const order = sortedByScore(scores, rows).reverse();
  let positives = 0;
  for (const i of order) positives += labels[i];
  const negatives = order.length - positives;
  const points: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  if (positives === 0 || negatives === 0) return points;
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]]) tp++;
    else fp++;
    if (k + 1 === order.length || scores[order[k + 1]] !== scores[order[k]]) points.push({ fpr: fp / negatives, tpr: tp / positives });
  }
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, k) => points[Math.round(k * step)]);
}

function sortedByScore(scores: Float64Array, rows: ArrayLike<number>): Int32Array {
  const order = Int32Array.from(rows as ArrayLike<number>);
  return order.sort((a, b) => scores[a] - scores[b]);
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

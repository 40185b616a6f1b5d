import type { LogisticProblem } from './logistic';

/**
 * Builds the logistic problems of several targets over the same rows, merging identical feature
 * rows into one with summed positive/negative weights. With 0/1 features there are at most 2^p
 * distinct rows (512 for the seed set), so a million rows become a few hundred; the optimum is
 * unchanged because the objective is a sum over rows.
 * `labels[t][i]` is 0/1 for target t; `sampleWeight[t]` gives each class's weight for target t.
 */
export function groupRows(
  x: Float64Array,
  p: number,
  rowIndices: ArrayLike<number>,
  labels: Uint8Array[],
  classWeights: ReadonlyArray<readonly [negative: number, positive: number]>,
): LogisticProblem[] {
  const slotOfKey = new Map<string | number, number>();
  const binary = p <= 30 && isBinary(x, p, rowIndices);
  const uniqueRows: number[] = [];
  const slotOfRow = new Int32Array(rowIndices.length);
  for (let r = 0; r < rowIndices.length; r++) {
    const i = rowIndices[r];
    let key: string | number;
    if (binary) {
      key = 0;
      for (let j = 0; j < p; j++) key = key * 2 + x[i * p + j];
    } else key = Array.prototype.join.call(x.subarray(i * p, i * p + p), ',');
    let slot = slotOfKey.get(key);
    if (slot === undefined) {
      slot = uniqueRows.length;
      slotOfKey.set(key, slot);
      uniqueRows.push(i);
    }
    slotOfRow[r] = slot;
  }
  const rows = uniqueRows.length;
  const grouped = new Float64Array(rows * p);
  uniqueRows.forEach((i, slot) => grouped.set(x.subarray(i * p, i * p + p), slot * p));
  return labels.map((y, t) => {
    const [negativeWeight, positiveWeight] = classWeights[t];
    const positive = new Float64Array(rows);
    const negative = new Float64Array(rows);
    for (let r = 0; r < rowIndices.length; r++) {
      if (y[rowIndices[r]]) positive[slotOfRow[r]] += positiveWeight;
      else negative[slotOfRow[r]] += negativeWeight;
    }
    return { x: grouped, rows, p, positive, negative };
  });
}

function isBinary(x: Float64Array, p: number, rowIndices: ArrayLike<number>): boolean {
  for (let r = 0; r < rowIndices.length; r++) {
    for (let j = 0, o = rowIndices[r] * p; j < p; j++) if (x[o + j] !== 0 && x[o + j] !== 1) return false;
  }
  return true;
}

/**
 * Class weights [negative, positive]: 1 each, or scikit-learn's 'balanced' n / (2 * n_class)
 * counted over the training rows.
 */
export function classWeightsFor(y: Uint8Array, rowIndices: ArrayLike<number>, mode: 'none' | 'balanced'): [number, number] {
  if (mode === 'none') return [1, 1];
  let positives = 0;
  for (let r = 0; r < rowIndices.length; r++) positives += y[rowIndices[r]];
  const n = rowIndices.length;
  const negatives = n - positives;
  return [negatives ? n / (2 * negatives) : 1, positives ? n / (2 * positives) : 1];
}

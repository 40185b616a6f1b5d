/**
 * Exact SHAP values of a linear model in log-odds space with independent features and the training
 * means as background: phi_j(x) = w_j * (x_j - mean_j); base value = b + sum_j w_j * mean_j (the
 * log-odds of the mean row). For every row, sum_j phi_j = logit(x) - base value exactly.
 */
export function shapBaseValue(weights: ArrayLike<number>, intercept: number, means: ArrayLike<number>): number {
  let base = intercept;
  for (let j = 0; j < weights.length; j++) base += weights[j] * means[j];
  return base;
}

/** Per-feature contributions of one row (features in model order). */
export function shapValues(weights: ArrayLike<number>, means: ArrayLike<number>, row: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  for (let j = 0; j < weights.length; j++) out[j] = weights[j] * (row[j] - means[j]);
  return out;
}

/** Mean |phi_j| over the given rows of a row-major matrix: the SHAP summary (bar) per feature. */
export function meanAbsShap(x: Float64Array, p: number, rows: ArrayLike<number>, weights: ArrayLike<number>, means: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p);
  for (let k = 0; k < rows.length; k++) {
    const o = rows[k] * p;
    for (let j = 0; j < p; j++) out[j] += Math.abs(weights[j] * (x[o + j] - means[j]));
  }
  for (let j = 0; j < p; j++) out[j] /= rows.length || 1;
  return out;
}

/** Column means of the given rows (the SHAP background). */
export function featureMeans(x: Float64Array, p: number, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p);
  for (let k = 0; k < rows.length; k++) for (let j = 0, o = rows[k] * p; j < p; j++) out[j] += x[o + j];
  for (let j = 0; j < p; j++) out[j] /= rows.length || 1;
  return out;
}

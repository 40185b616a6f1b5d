/**
 * L2-regularised logistic regression solved by Newton's method (IRLS) on typed arrays, with the
 * objective of scikit-learn's LogisticRegression(C) (lbfgs):
 *   f(w, b) = sum_i [ pos_i * softplus(-z_i) + neg_i * softplus(z_i) ] + ||w||^2 / (2C),  z_i = b + x_i.w
 * where pos_i/neg_i are the (class-)weighted counts of positive/negative samples with features x_i.
 * One sample i with label y and weight s has pos = s*y, neg = s*(1-y); identical rows can be merged
 * by adding their counts (see groupRows), which is exact and makes 0/1 features cheap.
 * The intercept is not penalised. f is strictly convex, so Newton with a backtracking line search
 * converges quadratically to the unique optimum.
 */
export interface LogisticProblem {
  /** Row-major features, rows x p. */
  x: Float64Array;
  rows: number;
  p: number;
  positive: Float64Array;
  negative: Float64Array;
}

export interface LogisticFit {
  weights: Float64Array;
  intercept: number;
  iterations: number;
  objective: number;
}

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
/** The logistic function, stable for large |z|; NaN in gives NaN out. */
export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function logisticObjective(problem: LogisticProblem, weights: Float64Array, intercept: number, C: number): number {
  const { x, rows, p, positive, negative } = problem;
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    let z = intercept;
    for (let j = 0, o = i * p; j < p; j++) z += x[o + j] * weights[j];
    loss += positive[i] * softplus(-z) + negative[i] * softplus(z);
  }
  let penalty = 0;
  for (let j = 0; j < p; j++) penalty += weights[j] * weights[j];
  return loss + penalty / (2 * C);
}

export function fitLogistic(problem: LogisticProblem, C: number, { maxIterations = 100, tolerance = 1e-12 } = {}): LogisticFit {
  const { x, rows, p, positive, negative } = problem;
  let totalPositive = 0;
  let totalNegative = 0;
  for (let i = 0; i < rows; i++) {
    totalPositive += positive[i];
    totalNegative += negative[i];
  }
  if (totalPositive === 0 || totalNegative === 0) {
    throw new RangeError(`logistic regression needs both classes in the training rows (positive weight ${totalPositive}, negative ${totalNegative})`);
  }
  const k = p + 1; // weights then intercept
  const theta = new Float64Array(k);
  // Start at the intercept-only optimum: fewer iterations on rare targets.
  theta[p] = Math.log(totalPositive / totalNegative);
  const gradient = new Float64Array(k);
  const hessian = new Float64Array(k * k);
  const row = new Float64Array(k);
  let objective = logisticObjective(problem, theta.subarray(0, p), theta[p], C);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    gradient.fill(0);
    hessian.fill(0);
    for (let i = 0; i < rows; i++) {
      let z = theta[p];
      for (let j = 0, o = i * p; j < p; j++) {
        row[j] = x[o + j];
        z += row[j] * theta[j];
      }
      row[p] = 1;
      const prob = sigmoid(z);
      const count = positive[i] + negative[i];
      const residual = count * prob - positive[i];
      const curvature = count * prob * (1 - prob);
      for (let a = 0; a < k; a++) {
        const ra = row[a];
        if (ra === 0) continue; // 0/1 features: skip the zero half of the outer product
        gradient[a] += residual * ra;
        const ca = curvature * ra;
        for (let b = 0; b <= a; b++) hessian[a * k + b] += ca * row[b];
      }
    }
    for (let j = 0; j < p; j++) {
      gradient[j] += theta[j] / C;
      hessian[j * k + j] += 1 / C;
    }
    const step = solveSymmetric(hessian, gradient, k);
    // Backtracking: Newton steps are nearly always accepted at t = 1.
    let t = 1;
    let candidateObjective = Infinity;
    const candidate = new Float64Array(k);
    for (let tries = 0; tries < 50; tries++) {
      for (let a = 0; a < k; a++) candidate[a] = theta[a] - t * step[a];
      candidateObjective = logisticObjective(problem, candidate.subarray(0, p), candidate[p], C);
      if (candidateObjective <= objective + 1e-12 * Math.abs(objective)) break;
      t /= 2;
    }
    let largestStep = 0;
    for (let a = 0; a < k; a++) largestStep = Math.max(largestStep, Math.abs(t * step[a]));
    theta.set(candidate);
    objective = candidateObjective;
    if (largestStep < tolerance * (1 + maxAbs(theta))) {
      iterations++;
      break;
    }
  }
  return { weights: theta.slice(0, p), intercept: theta[p], iterations, objective };
}

const maxAbs = (v: Float64Array) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/**
 * Solves H d = g for a symmetric positive definite H given by its lower triangle (Cholesky).
 * H is (p+1)^2 with p the number of features, so this is negligible next to the pass over rows.
 */
function solveSymmetric(lower: Float64Array, g: Float64Array, k: number): Float64Array {
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = lower[i * k + j];
      for (let m = 0; m < j; m++) sum -= L[i * k + m] * L[j * k + m];
      if (i === j) {
        if (!(sum > 0)) throw new RangeError('logistic regression: Hessian is not positive definite');
        L[i * k + i] = Math.sqrt(sum);
      } else L[i * k + j] = sum / L[j * k + j];
    }
  }
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = g[i];
    for (let m = 0; m < i; m++) sum -= L[i * k + m] * y[m];
    y[i] = sum / L[i * k + i];
  }
  const d = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i];
    for (let m = i + 1; m < k; m++) sum -= L[m * k + i] * d[m];
    d[i] = sum / L[i * k + i];
  }
  return d;
}

/** Logistic probability at bar `t` of feature columns (one column per weight; NaN features give NaN). */
export function probabilityAt(columns: readonly Float64Array[], t: number, weights: Float64Array, intercept: number): number {
  let z = intercept;
  for (let j = 0; j < weights.length; j++) z += weights[j] * columns[j][t];
  return sigmoid(z);
}

/** Logistic probability for each row of a row-major matrix. */
export function predictProbabilities(x: Float64Array, p: number, weights: Float64Array, intercept: number): Float64Array {
  const rows = x.length / p;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = intercept;
    for (let j = 0, o = i * p; j < p; j++) z += x[o + j] * weights[j];
    out[i] = sigmoid(z);
  }
  return out;
}

import { residualSpread } from './gaussian';
import type { BaselineMethod, PointForecast } from './forecaster';

/**
 * Simple exponential smoothing, ETS(A,N,N): level l(t) = l(t-1) + alpha * (y(t) - l(t-1)), l(0) = y(0).
 * alpha minimises the sum of squared one-step errors (grid of 0.01 then golden-section refinement).
 * Flat point forecast l(T); sigma_h = sigma * sqrt(1 + alpha^2 (h - 1)) (FPP 9.x, ANN variance),
 * sigma from the one-step errors with one degree of freedom used by alpha. Missing values leave the
 * level unchanged.
 */
export interface SmoothingFit {
  alpha: number;
  level: number;
  sse: number;
  errors: Float64Array;
}

export function smoothLevel(history: Float64Array, alpha: number): SmoothingFit {
  const errors = new Float64Array(Math.max(0, history.length - 1)).fill(Number.NaN);
  let level = history[0];
  let sse = 0;
  for (let t = 1; t < history.length; t++) {
    const y = history[t];
    if (!Number.isFinite(y)) continue;
    const error = y - level;
    errors[t - 1] = error;
    sse += error * error;
    level += alpha * error;
  }
  return { alpha, level, sse, errors };
}

export function fitSmoothing(history: Float64Array): SmoothingFit {
  const sse = (alpha: number) => smoothLevel(history, alpha).sse;
  let best = 0.01;
  let bestSse = sse(best);
  for (let step = 2; step <= 100; step++) {
    const candidate = sse(step / 100);
    if (candidate < bestSse) [best, bestSse] = [step / 100, candidate];
  }
  // Golden-section search in the grid cell around the best grid point.
  let lo = Math.max(1e-4, best - 0.01);
  let hi = Math.min(1, best + 0.01);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 30; i++) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (sse(a) <= sse(b)) hi = b;
    else lo = a;
  }
  const refined = (lo + hi) / 2;
  return smoothLevel(history, sse(refined) < bestSse ? refined : best);
}

export function etsForecast(history: Float64Array, horizon: number): PointForecast {
  const fit = fitSmoothing(history);
  const sigma1 = residualSpread(fit.errors, 1);
  const point = new Float64Array(horizon).fill(fit.level);
  const sigma = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) sigma[h - 1] = sigma1 * Math.sqrt(1 + fit.alpha * fit.alpha * (h - 1));
  return { point, sigma };
}

export const ets: BaselineMethod = { id: 'ets', label: 'ETS (simple exponential smoothing)', predict: etsForecast };

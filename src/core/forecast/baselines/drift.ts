import { residualSpread } from './gaussian';
import type { BaselineMethod, PointForecast } from './forecaster';

/**
 * Straight line from the first to the last observation, extended: y(T+h) = y(T) + h * c with
 * c = (y(T) - y(1)) / (T - 1). Errors: sigma_h = sigma * sqrt(h * (1 + h / T)), sigma the spread of
 * the one-step residuals y(t) - y(t-1) - c with one degree of freedom used by c (FPP 5.5).
 */
export function driftForecast(history: Float64Array, horizon: number): PointForecast {
  const n = history.length;
  const slope = n > 1 ? (history[n - 1] - history[0]) / (n - 1) : 0;
  const residuals = new Float64Array(Math.max(0, n - 1));
  for (let t = 1; t < n; t++) residuals[t - 1] = history[t] - history[t - 1] - slope;
  const sigma1 = residualSpread(residuals, 1);
  const point = new Float64Array(horizon);
  const sigma = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    point[h - 1] = history[n - 1] + h * slope;
    sigma[h - 1] = sigma1 * Math.sqrt(h * (1 + h / n));
  }
  return { point, sigma };
}

export const drift: BaselineMethod = { id: 'drift', label: 'Drift', predict: driftForecast };

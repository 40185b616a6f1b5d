import { residualSpread } from './gaussian';
import type { BaselineMethod, PointForecast } from './forecaster';

/** Last value carried forward; errors of a random walk: sigma_h = sigma * sqrt(h) (FPP 5.5). */
export function naiveForecast(history: Float64Array, horizon: number): PointForecast {
  return seasonalNaiveForecast(history, horizon, 1);
}

/**
 * The value one season earlier: y(T+h) = y(T+h-m(k+1)), k = floor((h-1)/m), with
 * sigma_h = sigma * sqrt(k+1) and sigma the spread of y(t) - y(t-m). A history no longer than one
 * season falls back to the naive method. A missing seasonal value falls back to the last value before it.
 */
export function seasonalNaiveForecast(history: Float64Array, horizon: number, season: number): PointForecast {
  const n = history.length;
  const m = n > season ? season : 1;
  const residuals = new Float64Array(Math.max(0, n - m));
  for (let t = m; t < n; t++) residuals[t - m] = history[t] - history[t - m];
  const sigma1 = residualSpread(residuals);
  const point = new Float64Array(horizon);
  const sigma = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    const k = Math.floor((h - 1) / m);
    point[h - 1] = lastObservedAtOrBefore(history, n - 1 + h - m * (k + 1));
    sigma[h - 1] = sigma1 * Math.sqrt(k + 1);
  }
  return { point, sigma };
}

function lastObservedAtOrBefore(history: Float64Array, index: number): number {
  for (let i = index; i >= 0; i--) if (Number.isFinite(history[i])) return history[i];
  return history[history.length - 1];
}

export const naive: BaselineMethod = { id: 'naive', label: 'Naive (last value)', predict: naiveForecast };

export function seasonalNaive(season: number): BaselineMethod {
  if (!Number.isInteger(season) || season < 1) throw new RangeError(`season must be a positive integer, got ${season}`);
  return {
    id: `seasonal-naive-${season}`,
    label: `Seasonal naive (${season} bars)`,
    predict: (history, horizon) => seasonalNaiveForecast(history, horizon, season),
  };
}

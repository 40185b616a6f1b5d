import { DEFAULT_SEASON } from '../defaults';
import type { Forecaster } from '../types';
import { drift } from './drift';
import { ets } from './ets';
import { baselineForecaster } from './forecaster';
import { naive, seasonalNaive } from './naive';

export { baselineForecaster } from './forecaster';

/** The four baselines: the fallback when no model is cached, and the yardstick in evaluations. */
export function createBaselines(season = DEFAULT_SEASON): Forecaster[] {
  return [naive, seasonalNaive(season), drift, ets].map((method) => baselineForecaster(method));
}

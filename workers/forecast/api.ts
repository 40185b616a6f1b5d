/**
 * The forecast worker's API (exposed with comlink by workers/forecast.worker.ts), composed of one API
 * object per job: backend choice (backend.ts), the model cache (model-cache.ts), downloads (downloads.ts),
 * forecasts and evaluations (forecasts.ts), forecast-strategy backtests and sweeps (backtests.ts) and the
 * Settings diagnostics (diagnostics.ts). Long calls take a job id (cancel with `cancel(jobId)`) and
 * proxied progress callbacks.
 */
import { jobsApi } from '../shared/jobs';
import { backendApi } from './backend';
import { backtestsApi } from './backtests';
import { diagnosticsApi } from './diagnostics';
import { downloadsApi } from './downloads';
import { forecastsApi } from './forecasts';
import { modelCacheApi } from './model-cache';

export type { ModelDescription } from '../../src/core/forecast/model-loader';
export type { NamedCachedModel } from './cached-model';
export type { CaseRun, ModelCheck } from './diagnostics';
export type { EvaluateSymbolRequest, ForecastSymbolRequest, MeasuredSpeed, SymbolEvaluation, SymbolForecast } from './forecasts';

export const forecastApi = { ...jobsApi, ...backendApi, ...modelCacheApi, ...downloadsApi, ...forecastsApi, ...backtestsApi, ...diagnosticsApi };

export type ForecastApi = typeof forecastApi;

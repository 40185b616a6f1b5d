/**
 * Forecasts and rolling-origin evaluations of stored symbols, through the forecast store (computed once,
 * then reused), and the speed of each forecaster measured on this device along the way.
 */
import { evaluateForecasters, type EvaluationResult, type EvaluationSettings } from '../../src/core/forecast/evaluation';
import { describeTally } from '../../src/core/forecast/forecast-store';
import type { Forecast, ForecasterInfo } from '../../src/core/forecast/types';
import type { ProgressListener } from '../../src/core/jobs/progress';
import { userSeason } from '../../src/store/app-settings';
import { loadSeries } from '../../src/store/bars';
import { getQuantDb } from '../../src/store/db';
import { getSetting, putSetting } from '../../src/store/settings';
import { withJob } from '../shared/jobs';
import { currentBackend, executionProviders, providerInUse } from './backend';
import { modelStore } from './cached-model';
import { buildRequest, nextTradingDays } from './inputs';
import { baselineInfos, storedForecasterById } from './models';
import { onnxRuntime } from './runtime';

export interface ForecastSymbolRequest {
  /** A cached model id or a baseline id (`baseline:naive`...). */
  model: string;
  symbol: string;
  horizon: number;
  /** History bars given to the model (and returned for the chart). */
  contextBars?: number;
  volume?: boolean;
  benchmark?: string;
  related?: string[];
}

export interface SymbolForecast {
  symbol: string;
  model: ForecasterInfo;
  backend: string;
  historyDates: string[];
  history: Float64Array;
  futureDates: string[];
  forecast: Forecast;
  milliseconds: number;
}

export interface EvaluateSymbolRequest {
  models: string[];
  symbol: string;
  settings?: Partial<EvaluationSettings>;
}

export interface SymbolEvaluation extends EvaluationResult {
  /** Date of each window's first forecast bar. */
  originDates: string[];
}

/** Measured speed of each forecaster on this device, shown next to the models. */
export interface MeasuredSpeed {
  msPerForecast: number;
  backend: string;
  measuredAt: string;
}

const SPEEDS_KEY = 'forecast.speeds';

async function recordSpeeds(entries: [string, number][], backend: string): Promise<void> {
  const db = await getQuantDb();
  const speeds = await getSetting<Record<string, MeasuredSpeed>>(db, SPEEDS_KEY, {});
  const measuredAt = new Date().toISOString();
  for (const [id, msPerForecast] of entries) speeds[id] = { msPerForecast, backend, measuredAt };
  await putSetting(db, SPEEDS_KEY, speeds);
}

async function loadSymbol(symbol: string) {
  const series = await loadSeries(await getQuantDb(), symbol);
  if (series.dates.length === 0) throw new Error(`symbol "${symbol}" has no stored prices (import it in the Data tab)`);
  return series;
}

export const forecastsApi = {
  baselines(): Promise<ForecasterInfo[]> {
    return baselineInfos();
  },

  async speeds(): Promise<Record<string, MeasuredSpeed>> {
    return getSetting<Record<string, MeasuredSpeed>>(await getQuantDb(), SPEEDS_KEY, {});
  },

  async forecastSymbol(jobId: string, request: ForecastSymbolRequest, onProgress?: ProgressListener): Promise<SymbolForecast> {
    return withJob(jobId, async (signal) => {
      const backend = await currentBackend();
      onProgress?.({ status: 'start', kind: 'forecast', label: `Forecasting ${request.symbol}` });
      const target = await loadSymbol(request.symbol);
      const benchmark = request.benchmark ? await loadSymbol(request.benchmark) : undefined;
      const related = await Promise.all((request.related ?? []).map(loadSymbol));
      const contextBars = request.contextBars ?? 2048;
      const forecaster = await storedForecasterById(request.model, modelStore, backend);
      const input = buildRequest(target, { volume: request.volume, benchmark, related }, contextBars);
      input.origin = { symbol: request.symbol, date: target.dates[target.dates.length - 1] };
      const began = performance.now();
      const [forecast] = await forecaster.forecast([input], { horizon: request.horizon, signal, onProgress });
      const milliseconds = performance.now() - began;
      // The provider the session really runs on (ORT silently drops a WebGPU it cannot start).
      const backendName = forecaster.info.kind === 'baseline' ? 'js' : providerInUse(onnxRuntime(backend.threads).ort, executionProviders(backend));
      // A forecast read from the store says nothing about the model's speed.
      if (forecaster.tally.computed > 0) await recordSpeeds([[request.model, milliseconds]], backendName);
      onProgress?.({ status: 'progress', done: 1, total: 1, unit: 'forecasts', message: describeTally(forecaster.tally) });
      const historyDates = target.dates.slice(-Math.min(contextBars, 500));
      return {
        symbol: request.symbol,
        model: forecaster.info,
        backend: backendName,
        historyDates,
        history: target.close.slice(-historyDates.length),
        futureDates: nextTradingDays(target.dates[target.dates.length - 1], request.horizon),
        forecast,
        milliseconds,
      };
    });
  },

  async evaluateSymbol(jobId: string, request: EvaluateSymbolRequest, onProgress?: ProgressListener): Promise<SymbolEvaluation> {
    return withJob(jobId, async (signal) => {
      const backend = await currentBackend();
      const target = await loadSymbol(request.symbol);
      const forecasters = await Promise.all(request.models.map((id) => storedForecasterById(id, modelStore, backend)));
      const season = await userSeason(await getQuantDb());
      const result = await evaluateForecasters(target.close, forecasters, { season, ...request.settings, series: { symbol: request.symbol, dates: target.dates }, signal, onProgress });
      // Only forecasters that computed every window were timed.
      await recordSpeeds(result.scores.flatMap((score, i) => (forecasters[i].tally.reused === 0 ? [[request.models[i], score.msPerForecast] as [string, number]] : [])), backend.backend);
      const computed = forecasters.reduce((n, f) => n + f.tally.computed, 0);
      const reused = forecasters.reduce((n, f) => n + f.tally.reused, 0);
      onProgress?.({ status: 'done', message: `forecasts: ${describeTally({ computed, reused })}` });
      return { ...result, originDates: result.origins.map((i) => target.dates[i]) };
    });
  },
};

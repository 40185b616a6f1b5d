/**
 * The forecast worker's API (exposed with comlink by workers/forecast.worker.ts): model downloads and
 * cache, backend choice, forecasts and evaluations of stored symbols, and the golden-case check.
 * Long calls take a job id (cancel with `cancel(jobId)`) and proxied progress callbacks.
 */
import { resolveSource, type ModelSource } from '../../models/catalog';
import { evaluateForecasters, type EvaluationResult, type EvaluationSettings } from '../../src/core/forecast/evaluation';
import type { Forecast, ForecasterInfo } from '../../src/core/forecast/types';
import type { ProgressListener } from '../../src/core/jobs/progress';
import { BrowserModelFileStore } from '../../src/model-files/cache-store';
import { cacheLocalFiles, fetchModelFiles, type ModelTransfer } from '../../src/model-files/fetch-model';
import { groupByModel } from '../../src/model-files/store';
import { userSeason } from '../../src/store/app-settings';
import { getQuantDb } from '../../src/store/db';
import { loadSeries } from '../../src/store/bars';
import { getSetting, putSetting } from '../../src/store/settings';
import { finishJob, jobsApi, startJob } from '../compute/jobs';
import { chooseBackend, detectEnvironment, executionProviders, providerInUse, type BackendChoice, type BackendPreference } from './backend';
import { runGoldenCases, type GoldenReport } from './golden';
import { backtestStoredSymbols, type BacktestOutcome, type BacktestRequest } from '../compute/backtest';
import { buildRequest, nextTradingDays } from './inputs';
import { baselineInfos, cachedModelFiles, cachedModelName, storedForecasterById, unloadModel, type NamedCachedModel } from './models';
import { describeTally } from '../../src/core/forecast/forecast-store';
import { onnxRuntime } from './runtime';
import { estimateSpeed, type SpeedEstimate } from './speed-probe';

const store = new BrowserModelFileStore();
let choice: Promise<BackendChoice> | undefined;

function currentBackend(): Promise<BackendChoice> {
  choice ??= detectEnvironment().then((env) => chooseBackend('auto', env));
  return choice;
}

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

export interface ModelInspection {
  levels: number[];
  family: string;
  contextLength?: number;
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

async function withJob<T>(jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = startJob(jobId);
  try {
    return await work(signal);
  } finally {
    finishJob(jobId);
  }
}

async function loadSymbol(symbol: string) {
  const series = await loadSeries(await getQuantDb(), symbol);
  if (series.dates.length === 0) throw new Error(`symbol "${symbol}" has no stored prices (import it in the Data tab)`);
  return series;
}

export const forecastApi = {
  ...jobsApi,

  /** Sets the backend preference (auto/webgpu/wasm) and says what will be used and why. */
  async setBackend(preference: BackendPreference): Promise<BackendChoice> {
    const env = await detectEnvironment();
    choice = Promise.resolve(chooseBackend(preference, env));
    return choice;
  },

  backend(): Promise<BackendChoice> {
    return currentBackend();
  },

  baselines(): Promise<ForecasterInfo[]> {
    return baselineInfos();
  },

  async speeds(): Promise<Record<string, MeasuredSpeed>> {
    return getSetting<Record<string, MeasuredSpeed>>(await getQuantDb(), SPEEDS_KEY, {});
  },

  /** Every cached model, complete or cut short, with its readable name (for the cache table and menus). */
  async cachedModels(): Promise<NamedCachedModel[]> {
    return Promise.all(groupByModel(await store.list()).map(async (m) => ({ ...m, name: await cachedModelName(store, m.modelId, m) })));
  },

  /** The cached models that can forecast, with their readable names (for menus and legends). */
  async usableModels(): Promise<{ id: string; name: string }[]> {
    return (await forecastApi.cachedModels()).filter((m) => m.complete).map((m) => ({ id: m.modelId, name: m.name }));
  },

  /** Names a cached model ('' returns to the readable default); loaded sessions are dropped so labels follow. */
  async renameModel(modelId: string, name: string): Promise<void> {
    if (!(await store.rename(modelId, name))) throw new Error(`model "${modelId}" is not cached, so it cannot be renamed`);
    await unloadModel(modelId);
  },

  async deleteModel(modelId: string): Promise<void> {
    await unloadModel(modelId);
    await store.remove(modelId);
  },

  /** Downloads (or finds in the cache) every file of a model; returns its cache id. */
  /** `onWarning`: the download worked but the user should know (e.g. the file differs from the first download). */
  async download(jobId: string, source: ModelSource, base: string, onTransfer?: (t: ModelTransfer) => void, onProgress?: ProgressListener, onWarning?: (message: string) => void): Promise<string> {
    const model = resolveSource(source, base);
    return withJob(jobId, async (signal) => {
      await fetchModelFiles(model, store, { signal, onTransfer, onProgress, onWarning });
      return model.id;
    });
  },

  async importLocal(modelId: string, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    await unloadModel(modelId);
    await cacheLocalFiles(modelId, files, store);
  },

  /** Quantile levels and family from the model's config.json (fetched alone, before the weights). */
  async inspect(source: ModelSource, base: string): Promise<ModelInspection> {
    const model = resolveSource(source, base);
    const cached = await store.read(model.id, 'config.json');
    const text = cached ? new TextDecoder().decode(cached) : new TextDecoder().decode(await fetchBytes(model.files.find((f) => f.name === 'config.json')!.url));
    return describeConfig(JSON.parse(text));
  },

  /** Speed on this device from config.json alone (before downloading the weights); see speed-probe.ts. */
  async estimateSpeed(source: ModelSource, base: string): Promise<SpeedEstimate & { backend: string }> {
    const model = resolveSource(source, base);
    const cached = await store.read(model.id, 'config.json');
    const bytes = cached ?? (await fetchBytes(model.files.find((f) => f.name === 'config.json')!.url));
    const backend = await currentBackend();
    const { ort } = onnxRuntime(backend.threads);
    const estimate = await estimateSpeed(ort, JSON.parse(new TextDecoder().decode(bytes)), executionProviders(backend));
    return { ...estimate, backend: backend.backend };
  },

  async inspectCached(modelId: string): Promise<ModelInspection> {
    return describeConfig((await cachedModelFiles(store, modelId)).configJson);
  },

  async forecastSymbol(jobId: string, request: ForecastSymbolRequest, onProgress?: ProgressListener): Promise<SymbolForecast> {
    return withJob(jobId, async (signal) => {
      const backend = await currentBackend();
      onProgress?.({ status: 'start', kind: 'forecast', label: `Forecasting ${request.symbol}` });
      const target = await loadSymbol(request.symbol);
      const benchmark = request.benchmark ? await loadSymbol(request.benchmark) : undefined;
      const related = await Promise.all((request.related ?? []).map(loadSymbol));
      const contextBars = request.contextBars ?? 2048;
      const forecaster = await storedForecasterById(request.model, store, backend);
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

  /** A forecast-strategy backtest with a cached Chronos model: inference stays in this worker (see workers/compute/backtest.ts). */
  async runForecastBacktest(jobId: string, request: BacktestRequest, onProgress?: ProgressListener): Promise<BacktestOutcome> {
    return withJob(jobId, async (signal) => {
      const forecaster = await storedForecasterById(request.forecasterId ?? '', store, await currentBackend());
      const outcome = await backtestStoredSymbols(request, { forecaster }, { signal, onProgress });
      onProgress?.({ status: 'done', message: `forecasts: ${describeTally(forecaster.tally)}` });
      return outcome;
    });
  },

  async evaluateSymbol(jobId: string, request: EvaluateSymbolRequest, onProgress?: ProgressListener): Promise<SymbolEvaluation> {
    return withJob(jobId, async (signal) => {
      const backend = await currentBackend();
      const target = await loadSymbol(request.symbol);
      const forecasters = await Promise.all(request.models.map((id) => storedForecasterById(id, store, backend)));
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

  /** The golden-case check on this browser's backend (used by the e2e test and the Models tab). */
  async runGoldenCases(casesJson: string | object, modelFiles: { configJson: string | Record<string, unknown>; weights: Uint8Array }, backend?: 'webgpu' | 'wasm'): Promise<GoldenReport> {
    const current = await currentBackend();
    const { ort } = onnxRuntime(current.threads);
    const cases = typeof casesJson === 'string' ? JSON.parse(casesJson) : casesJson;
    const configJson = typeof modelFiles.configJson === 'string' ? JSON.parse(modelFiles.configJson) : modelFiles.configJson;
    return runGoldenCases(ort, cases, { configJson, weights: modelFiles.weights }, executionProviders({ backend: backend ?? current.backend }));
  },

  /** The golden-case check with `cases.json`, `config.json` and `model.safetensors` fetched from a URL prefix. */
  async runGoldenCasesAt(prefix: string, base: string, backend?: 'webgpu' | 'wasm'): Promise<GoldenReport> {
    const dir = new URL(prefix.endsWith('/') ? prefix : `${prefix}/`, base);
    const [cases, config, weights] = await Promise.all(['cases.json', 'config.json', 'model.safetensors'].map((f) => fetchBytes(new URL(f, dir).href)));
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    return forecastApi.runGoldenCases(text(cases), { configJson: text(config), weights }, backend);
  },
};

export type ForecastApi = typeof forecastApi;

/** Fetches a file's bytes in the worker (the page's CSP may not allow other origins; downloads happen here anyway). */
async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}


function describeConfig(config: Record<string, unknown>): ModelInspection {
  const chronos = (config.chronos_config ?? {}) as Record<string, unknown>;
  const levels = (chronos.quantiles ?? config.quantiles ?? []) as number[];
  const family = String(config.chronos_pipeline_class ?? (config.architectures as string[] | undefined)?.[0] ?? 'unknown');
  const contextLength = (chronos.context_length ?? config.context_length) as number | undefined;
  return { levels, family, contextLength };
}

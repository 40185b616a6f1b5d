import { checkpoint, type JobOptions } from '../../jobs/progress';
import { lastObserved } from '../chunked-forecast';
import { DEFAULT_EVALUATION, DEFAULT_SEASON, WQL_LEVELS } from '../defaults';
import { centralInterval, quantileRow } from '../summary';
import type { Forecast, ForecastRequest, Forecaster, ForecasterInfo } from '../types';
import { countCovered, directionHit, meanAbsoluteScaledError, quantileLossSums, seasonalNaiveScale } from './metrics';

/**
 * Rolling-origin evaluation ("backtest of forecasts"): at each origin the forecaster sees only the
 * history before it and forecasts the next `horizon` bars, which are then compared with what happened.
 * Every forecaster gets exactly the same windows, so their scores are comparable in one table.
 */
export interface EvaluationSettings {
  horizon: number;
  /** Bars between consecutive origins. */
  step: number;
  /** History bars required before the first origin. */
  minContext: number;
  /** At most this many history bars are passed to a forecaster (the most recent). */
  maxContext: number;
  /** Keep only the most recent origins. */
  maxOrigins: number;
  /** Season of the MASE scale (seasonal naive), in bars. */
  season: number;
  /** Windows per forecaster call (the forecaster splits them into its own model batches). */
  batchSize: number;
}

export interface EvaluationOptions extends Partial<EvaluationSettings>, JobOptions {
  /** Past covariates aligned with the target; sliced to each window's history like the target. */
  pastCovariates?: Record<string, Float64Array>;
  /**
   * The target's symbol and the date of each bar: each window's request then carries its origin (symbol, date
   * of its last history bar), so a forecaster backed by the forecast store reuses earlier windows' forecasts.
   */
  series?: { symbol: string; dates: readonly string[] };
}

export interface ForecasterScore {
  info: ForecasterInfo;
  /** Mean over windows of MASE (seasonal naive scale of the window's own history). */
  mase: number;
  /** Weighted quantile loss pooled over all windows, at the WQL_LEVELS deciles. */
  wql: number;
  /** Share of actual values inside the 80% / 95% intervals. */
  coverage80: number;
  coverage95: number;
  /** Share of windows whose median moved in the direction the price moved (windows where either move is zero excluded; NaN when none is left). */
  directionalAccuracy: number;
  /** Wall time per forecast (one window), including batching overheads. */
  msPerForecast: number;
  /** MASE of each window, in origin order (NaN where undefined), for charts. */
  maseByWindow: Float64Array;
}

export interface EvaluationResult {
  settings: EvaluationSettings;
  /** Index of the first forecast bar of each window, ascending. */
  origins: number[];
  scores: ForecasterScore[];
}

/**
 * Origins (index of each window's first forecast bar), most recent first then sorted ascending:
 * the last window ends on the last bar.
 */
export function forecastOrigins(length: number, { horizon, step, minContext, maxOrigins }: Pick<EvaluationSettings, 'horizon' | 'step' | 'minContext' | 'maxOrigins'>): number[] {
  const origins: number[] = [];
  for (let origin = length - horizon; origin >= minContext && origins.length < maxOrigins; origin -= step) origins.push(origin);
  return origins.reverse();
}

export async function evaluateForecasters(target: Float64Array, forecasters: Forecaster[], options: EvaluationOptions = {}): Promise<EvaluationResult> {
  const settings = resolveSettings(options);
  const { horizon, maxContext, batchSize } = settings;
  const origins = forecastOrigins(target.length, settings);
  if (origins.length === 0) {
    throw new RangeError(`series of ${target.length} bars is too short to evaluate: need at least ${settings.minContext} bars of history plus a horizon of ${horizon}`);
  }
  const requests = origins.map((origin): ForecastRequest => {
    const request = historyBefore(target, options.pastCovariates, origin, maxContext);
    if (options.series) request.origin = { symbol: options.series.symbol, date: options.series.dates[origin - 1] };
    return request;
  });
  const total = origins.length * forecasters.length;
  options.onProgress?.({ status: 'start', kind: 'evaluate', label: `Evaluating ${forecasters.length} forecasters on ${origins.length} windows` });
  const scores: ForecasterScore[] = [];
  for (const [m, forecaster] of forecasters.entries()) {
    const forecasts: Forecast[] = [];
    let elapsed = 0;
    for (let start = 0; start < requests.length; start += batchSize) {
      await checkpoint(options.signal);
      const began = performance.now();
      forecasts.push(...(await forecaster.forecast(requests.slice(start, start + batchSize), { horizon, signal: options.signal })));
      elapsed += performance.now() - began;
      options.onProgress?.({ status: 'progress', done: m * origins.length + forecasts.length, total, unit: 'forecasts', message: forecaster.info.label });
    }
    scores.push(scoreForecasts(forecaster.info, target, origins, requests, forecasts, settings, elapsed));
  }
  options.onProgress?.({ status: 'done' });
  return { settings, origins, scores };
}

/** What a forecaster may see at `origin`: strictly the bars before it. */
function historyBefore(target: Float64Array, covariates: Record<string, Float64Array> | undefined, origin: number, maxContext: number): ForecastRequest {
  const from = Math.max(0, origin - maxContext);
  const request: ForecastRequest = { target: target.slice(from, origin) };
  if (covariates) request.pastCovariates = Object.fromEntries(Object.entries(covariates).map(([name, values]) => [name, values.slice(from, origin)]));
  return request;
}

function scoreForecasts(info: ForecasterInfo, target: Float64Array, origins: number[], requests: ForecastRequest[], forecasts: Forecast[], settings: EvaluationSettings, elapsedMs: number): ForecasterScore {
  const { horizon, season } = settings;
  const maseByWindow = new Float64Array(origins.length);
  let lossSum = 0;
  let absSum = 0;
  const covered80 = { covered: 0, observed: 0 };
  const covered95 = { covered: 0, observed: 0 };
  let hits = 0;
  let directed = 0;
  origins.forEach((origin, w) => {
    const actual = target.subarray(origin, origin + horizon);
    const history = requests[w].target;
    const forecast = forecasts[w];
    maseByWindow[w] = meanAbsoluteScaledError(actual, forecast.median, seasonalNaiveScale(history, season));
    const rows = WQL_LEVELS.map((level) => quantileRow(forecast.levels, forecast.quantiles, horizon, level));
    const sums = quantileLossSums(actual, WQL_LEVELS, (q, t) => rows[q][t]);
    lossSum += sums.lossSum;
    absSum += sums.absSum;
    const interval80 = forecast.interval80 ?? centralInterval(forecast.levels, forecast.quantiles, horizon, 0.8);
    const interval95 = forecast.interval95 ?? centralInterval(forecast.levels, forecast.quantiles, horizon, 0.95);
    accumulate(covered80, countCovered(actual, interval80.lower, interval80.upper));
    accumulate(covered95, countCovered(actual, interval95.lower, interval95.upper));
    const hit = directionHit(lastObserved(history) ?? Number.NaN, actual[horizon - 1], forecast.median[horizon - 1]);
    if (hit !== undefined) {
      directed++;
      if (hit) hits++;
    }
  });
  return {
    info,
    mase: meanOfFinite(maseByWindow),
    wql: absSum > 0 ? lossSum / (WQL_LEVELS.length * absSum) : Number.NaN,
    coverage80: covered80.observed > 0 ? covered80.covered / covered80.observed : Number.NaN,
    coverage95: covered95.observed > 0 ? covered95.covered / covered95.observed : Number.NaN,
    directionalAccuracy: directed > 0 ? hits / directed : Number.NaN,
    msPerForecast: elapsedMs / origins.length,
    maseByWindow,
  };
}

function resolveSettings(options: EvaluationOptions): EvaluationSettings {
  const settings: EvaluationSettings = {
    horizon: options.horizon ?? DEFAULT_EVALUATION.horizon,
    step: options.step ?? DEFAULT_EVALUATION.step,
    minContext: options.minContext ?? DEFAULT_EVALUATION.minContext,
    maxContext: options.maxContext ?? DEFAULT_EVALUATION.maxContext,
    maxOrigins: options.maxOrigins ?? DEFAULT_EVALUATION.maxOrigins,
    season: options.season ?? DEFAULT_SEASON,
    batchSize: options.batchSize ?? 64,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`evaluation setting ${name} must be a positive integer, got ${value}`);
  }
  return settings;
}

function accumulate(into: { covered: number; observed: number }, add: { covered: number; observed: number }): void {
  into.covered += add.covered;
  into.observed += add.observed;
}

function meanOfFinite(values: Float64Array): number {
  let sum = 0;
  let n = 0;
  for (const v of values) if (Number.isFinite(v)) {
    sum += v;
    n++;
  }
  return n > 0 ? sum / n : Number.NaN;
}

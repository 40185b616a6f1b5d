/**
 * Chronos-2 behind the common `Forecaster` interface. Each request is one pipeline task: the target,
 * any related series as extra target rows (forecast jointly through group attention) and past-only
 * covariates (e.g. volume, a benchmark index). Only the request's own target forecast is returned.
 */
import { checkpoint } from '../../jobs/progress';
import { summarizeForecast } from '../summary';
import type { Forecast, ForecastOptions, ForecastRequest, Forecaster, ForecasterInfo } from '../types';
import type { Chronos2Pipeline, Chronos2Task } from './pipeline';

/** Requests per pipeline call: bounds memory (a long horizon multiplies rows by 9) and keeps cancel prompt. */
export const CHRONOS2_SERIES_PER_CALL = 16;

export class Chronos2Forecaster implements Forecaster {
  readonly info: ForecasterInfo;

  constructor(
    readonly pipeline: Chronos2Pipeline,
    identity: { id: string; label: string },
    private readonly onDispose?: () => Promise<void>,
  ) {
    this.info = { ...identity, kind: 'chronos-2', levels: [...pipeline.quantiles] };
  }

  async forecast(requests: ForecastRequest[], options: ForecastOptions): Promise<Forecast[]> {
    const { horizon, signal, onProgress } = options;
    if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a positive integer, got ${horizon}`);
    const tasks = requests.map(requestToTask);
    const lastPrices = requests.map((r, i) => {
      const last = lastObserved(r.target);
      if (last === undefined) throw new RangeError(`series ${i} has no observed values to forecast from`);
      return last;
    });
    const levels = this.info.levels;
    const results: Forecast[] = [];
    for (let start = 0; start < tasks.length; start += CHRONOS2_SERIES_PER_CALL) {
      await checkpoint(signal);
      const predictions = await this.pipeline.predict(tasks.slice(start, start + CHRONOS2_SERIES_PER_CALL), { predictionLength: horizon, signal });
      for (const prediction of predictions) {
        const own = prediction.quantiles.subarray(0, levels.length * horizon); // first target row = the request's target
        results.push(summarizeForecast({ levels, quantiles: Float64Array.from(own), horizon, lastPrice: lastPrices[results.length] }));
      }
      onProgress?.({ status: 'progress', done: results.length, total: requests.length, unit: 'series' });
    }
    return results;
  }

  async dispose(): Promise<void> {
    await this.onDispose?.();
  }
}

/** A request as a pipeline task; related series and covariates must be aligned with the target. */
export function requestToTask(request: ForecastRequest, index: number): Chronos2Task {
  const T = request.target.length;
  const check = (kind: string, name: string, values: Float64Array) => {
    if (values.length !== T) throw new RangeError(`series ${index}: ${kind} "${name}" has ${values.length} values, the target has ${T} (align them by date first)`);
    return values;
  };
  const related = Object.entries(request.relatedTargets ?? {}).map(([name, v]) => check('related series', name, v));
  const past = Object.fromEntries(Object.entries(request.pastCovariates ?? {}).map(([name, v]) => [name, check('covariate', name, v)]));
  return { target: [request.target, ...related], pastCovariates: past };
}

function lastObserved(values: Float64Array): number | undefined {
  for (let t = values.length - 1; t >= 0; t--) if (Number.isFinite(values[t])) return values[t];
  return undefined;
}

/**
 * Chronos-2 behind the common `Forecaster` interface. Each request is one pipeline task: the target,
 * any related series as extra target rows (forecast jointly through group attention) and past-only
 * covariates (e.g. volume, a benchmark index). Only the request's own target forecast is returned.
 */
import { forecastInChunks } from '../chunked-forecast';
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
    const tasks = requests.map(requestToTask); // async: bad alignment rejects; checked for every request before any model call
    const levels = this.info.levels;
    return forecastInChunks(requests, options, levels, CHRONOS2_SERIES_PER_CALL, async (chunk, horizon, signal, start) => {
      const predictions = await this.pipeline.predict(tasks.slice(start, start + chunk.length), { predictionLength: horizon, signal });
      // The first target row of each task is the request's own target; related series rows are dropped.
      return predictions.map((p) => p.quantiles.subarray(0, levels.length * horizon));
    });
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

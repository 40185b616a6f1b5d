/**
 * The part of a model-backed `Forecaster.forecast` that does not depend on the model: horizon check, the last
 * observed price of every request, model calls on chunks of requests with a cancel point before each, progress
 * per chunk, and `summarizeForecast` on every result. Chunks bound memory (horizons beyond the model's
 * multiply its batch) and keep cancellation prompt.
 */
import { checkpoint } from '../jobs/progress';
import { summarizeForecast } from './summary';
import type { Forecast, ForecastOptions, ForecastRequest } from './types';

/**
 * One [levels × horizon] row-major quantile array per request of the chunk, in order. `start` is the index of the
 * chunk's first request in the whole list (for forecasters that prepared per-request inputs up front).
 */
export type PredictChunk = (chunk: ForecastRequest[], horizon: number, signal: AbortSignal | undefined, start: number) => Promise<ArrayLike<number>[]>;

export async function forecastInChunks(
  requests: ForecastRequest[],
  options: ForecastOptions,
  levels: readonly number[],
  chunkSize: number,
  predictChunk: PredictChunk,
): Promise<Forecast[]> {
  const { horizon, signal, onProgress } = options;
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a positive integer, got ${horizon}`);
  const lastPrices = requests.map((r, i) => {
    const last = lastObserved(r.target);
    if (last === undefined) throw new RangeError(`series ${i} has no observed values to forecast from`);
    return last;
  });
  const results: Forecast[] = [];
  for (let start = 0; start < requests.length; start += chunkSize) {
    await checkpoint(signal);
    for (const quantiles of await predictChunk(requests.slice(start, start + chunkSize), horizon, signal, start)) {
      results.push(summarizeForecast({ levels, quantiles: Float64Array.from(quantiles), horizon, lastPrice: lastPrices[results.length] }));
    }
    onProgress?.({ status: 'progress', done: results.length, total: requests.length, unit: 'series' });
  }
  return results;
}

/** The last finite value of a series, or undefined when it has none. */
export function lastObserved(values: Float64Array): number | undefined {
  for (let t = values.length - 1; t >= 0; t--) if (Number.isFinite(values[t])) return values[t];
  return undefined;
}

/**
 * One shared instance of each worker, created on first use (so nothing heavy loads at start-up:
 * onnxruntime-web lives only in the forecast worker's chunk). Long calls take a job id and a
 * comlink-proxied progress callback; pair them with `runJob`:
 *
 *   await runJob('forecast', 'Forecast SPX', ({ jobId, onProgress }) =>
 *     forecastWorker().forecastSymbol(jobId, request, proxy(onProgress)),
 *     { cancel: (jobId) => forecastWorker().cancel(jobId) });
 */
import { wrap, type Remote } from 'comlink';
import type { ComputeApi } from '../../../workers/compute.worker';
import type { ForecastApi } from '../../../workers/forecast/api';

let compute: Remote<ComputeApi> | undefined;
let forecast: Remote<ForecastApi> | undefined;

/** The compute worker (indicators, import, training, backtests). */
export function computeWorker(): Remote<ComputeApi> {
  compute ??= wrap<ComputeApi>(
    new Worker(new URL('../../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' }),
  );
  return compute;
}

/** The forecast worker (onnxruntime-web sessions, model cache, forecasts of stored symbols). */
export function forecastWorker(): Remote<ForecastApi> {
  forecast ??= wrap<ForecastApi>(
    new Worker(new URL('../../../workers/forecast.worker.ts', import.meta.url), { type: 'module', name: 'forecast' }),
  );
  return forecast;
}

/**
 * One shared instance of each worker, created on first use (so nothing heavy loads at start-up).
 * Long calls take a job id and a comlink-proxied progress callback; pair them with `runJob`:
 *
 *   await runJob('train', 'Train SPX', ({ jobId, onProgress }) =>
 *     computeWorker().train(jobId, request, proxy(onProgress)),
 *     { cancel: (jobId) => computeWorker().cancel(jobId) });
 */
import { wrap, type Remote } from 'comlink';
import type { ComputeApi } from '../../../workers/compute.worker';

let compute: Remote<ComputeApi> | undefined;

/** The compute worker (indicators, import, training, backtests). */
export function computeWorker(): Remote<ComputeApi> {
  compute ??= wrap<ComputeApi>(
    new Worker(new URL('../../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' }),
  );
  return compute;
}

// A glob import keeps the app building while the forecast worker is not there yet; it is still a
// separate lazily loaded chunk (onnxruntime-web never enters the initial bundle).
const forecastWorkerModules = import.meta.glob<new () => Worker>('../../../workers/forecast.worker.ts', {
  query: '?worker',
  import: 'default',
});
let forecast: Promise<Remote<unknown>> | undefined;

/** The forecast worker (onnxruntime-web sessions, model cache); rejects if the build has none. */
export function forecastWorker<Api = unknown>(): Promise<Remote<Api>> {
  forecast ??= (async () => {
    const load = Object.values(forecastWorkerModules)[0];
    if (!load) throw new Error('This build has no forecast worker');
    const WorkerClass = await load();
    return wrap<unknown>(new WorkerClass());
  })();
  return forecast as Promise<Remote<Api>>;
}

/**
 * The Forecasts tab's side of the forecast worker: typed access plus the job-tray wrapping of each
 * long call (progress, cancel, toasts).
 */
import { proxy, type Remote } from 'comlink';
import type { ModelSource } from '../../../models/catalog';
import type { ForecastApi, ForecastSymbolRequest, SymbolEvaluation, SymbolForecast, EvaluateSymbolRequest } from '../../../workers/forecast/api';
import type { ModelTransfer } from '../../model-files/fetch-model';
import { runJob } from '../lib/jobs';
import { toast } from '../lib/toasts';
import { forecastWorker } from '../lib/workers';

export function worker(): Remote<ForecastApi> {
  return forecastWorker();
}

const cancel = (jobId: string) => worker().cancel(jobId);

/** `onJob` receives the job id, for a cancel button next to the progress bar (`cancelJob(id)`). */
export async function downloadModel(source: ModelSource, label: string, onTransfer: (t: ModelTransfer) => void, onJob?: (jobId: string) => void): Promise<string> {
  const w = worker();
  return runJob('download', `Download ${label}`, ({ jobId, onProgress }) => {
    onJob?.(jobId);
    // A file whose bytes differ from this device's first good download is worth a toast that stays.
    const warn = (message: string) => toast('error', `Warning: ${message}`);
    return w.download(jobId, source, location.href, proxy(onTransfer), proxy(onProgress), proxy(warn));
  }, {
    cancel,
    successMessage: `${label} is cached for offline use`,
    errorToast: false, // the model source explains the failure and offers the other sources
  });
}

export async function forecastSymbol(request: ForecastSymbolRequest): Promise<SymbolForecast> {
  const w = worker();
  return runJob('forecast', `Forecast ${request.symbol}`, ({ jobId, onProgress }) => w.forecastSymbol(jobId, request, proxy(onProgress)), {
    cancel,
    successMessage: false,
    errorToast: false, // the Forecasts tab shows it under its button
  });
}

export async function evaluateSymbol(request: EvaluateSymbolRequest): Promise<SymbolEvaluation> {
  const w = worker();
  return runJob('evaluate', `Evaluate forecasts on ${request.symbol}`, ({ jobId, onProgress }) => w.evaluateSymbol(jobId, request, proxy(onProgress)), {
    cancel,
    successMessage: false,
    errorToast: false, // the evaluation panel shows it under its button
  });
}

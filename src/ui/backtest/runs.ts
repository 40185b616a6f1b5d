/**
 * Running backtests from the UI (compute worker + job tray) and keeping runs in IndexedDB's
 * `backtestRuns` store so they can be reopened and compared side by side.
 */
import { proxy } from 'comlink';
import type { ProgressListener } from '../../core/jobs/progress';
import type { SweepAxis, SweepObjective, SweepResult } from '../../core/backtest/sweep';
import { reportToHtml } from '../../core/report/html';
import { reportToJson } from '../../core/report/report';
import { tradesToCsv } from '../../core/report/trades-csv';
import { getQuantDb } from '../../store/db';
import { deleteRecord, listRecords, newRecordId, putRecord } from '../../store/records';
import type { BacktestCharts, BacktestOutcome, BacktestRequest } from '../../../workers/compute/backtest';
import { runJob } from '../lib/jobs';
import { computeWorker, forecastWorker } from '../lib/workers';
import { downloadText, safeFileName } from '../lib/download';
import type { BacktestReport } from '../../core/report/report';

export interface SavedBacktestRun {
  id: string;
  name: string;
  createdAt: string;
  request: BacktestRequest;
  report: BacktestReport;
  charts: BacktestCharts;
}

export function describeRequest(request: BacktestRequest): string {
  const { name, ...settings } = request.strategy;
  const values = Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ');
  return `${name}${values ? ` (${values})` : ''} on ${request.symbols.join(', ')}`;
}

/** Forecast strategies with a cached Chronos model run where the model lives (the forecast worker); all else in the compute worker. */
function usesModelWorker(request: BacktestRequest): boolean {
  return request.strategy.name === 'forecast' && request.forecasterId !== undefined && !request.forecasterId.startsWith('baseline:');
}

export function runBacktestJob(request: BacktestRequest): Promise<BacktestOutcome> {
  const worker = usesModelWorker(request) ? forecastWorker() : computeWorker();
  const start = (jobId: string, onProgress: ProgressListener) =>
    usesModelWorker(request) ? forecastWorker().runForecastBacktest(jobId, request, proxy(onProgress)) : computeWorker().runBacktest(jobId, request, proxy(onProgress));
  return runJob('backtest', `Backtest ${describeRequest(request)}`, ({ jobId, onProgress }) => start(jobId, onProgress),
    { cancel: (jobId) => worker.cancel(jobId), successMessage: false });
}

/** Cached forecasting models (ids) the forecast strategy can use besides the baselines. */
export async function cachedForecastModels(): Promise<string[]> {
  return forecastWorker().usableModelIds();
}

export function runSweepJob(request: BacktestRequest, axes: SweepAxis[], objective: SweepObjective): Promise<SweepResult> {
  return runJob('sweep', `Sweep ${describeRequest(request)}`, ({ jobId, onProgress }) =>
    computeWorker().runSweep(jobId, request, axes, objective, proxy(onProgress)), { cancel: (jobId) => computeWorker().cancel(jobId) });
}

export async function saveRun(request: BacktestRequest, outcome: BacktestOutcome, name = describeRequest(request)): Promise<SavedBacktestRun> {
  const createdAt = new Date().toISOString();
  const run: SavedBacktestRun = { id: newRecordId('backtest', createdAt), name, createdAt, request, ...outcome };
  await putRecord(await getQuantDb(), 'backtestRuns', run);
  return run;
}

export async function listRuns(): Promise<SavedBacktestRun[]> {
  const runs = await listRecords<SavedBacktestRun>(await getQuantDb(), 'backtestRuns');
  return runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function deleteRun(id: string): Promise<void> {
  await deleteRecord(await getQuantDb(), 'backtestRuns', id);
}

export type ReportFormat = 'html' | 'json' | 'csv';

/** Downloads the report as offline HTML, JSON, or the trades as CSV. */
export function downloadReport(report: BacktestReport, format: ReportFormat): void {
  const base = safeFileName(`backtest-${report.config.strategy.name}-${report.config.symbols.join('-')}-${report.metrics.endDate}`);
  if (format === 'html') downloadText(`${base}.html`, reportToHtml(report), 'text/html');
  else if (format === 'json') downloadText(`${base}.json`, reportToJson(report));
  else downloadText(`${base}-trades.csv`, tradesToCsv([...report.trades, ...report.openTrades]), 'text/csv');
}

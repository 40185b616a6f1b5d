/**
 * Running backtests and sweeps from the UI (compute worker, or the forecast worker for a cached model; job tray) and keeping runs in IndexedDB's
 * `backtestRuns` store so they can be reopened and compared side by side.
 */
import { proxy } from 'comlink';
import type { ProgressListener } from '../../core/jobs/progress';
import type { SweepAxis, SweepObjective, SweepResult } from '../../core/backtest/sweep';
import { reportToHtml } from '../../core/report/html';
import { reportToJson } from '../../core/report/report';
import { tradesToCsv } from '../../core/report/trades-csv';
import { getQuantDb } from '../../store/db';
import { deleteRecord, listRecords, newRecordId, putRecord, updateRecord } from '../../store/records';
import type { BacktestCharts, BacktestOutcome, BacktestRequest } from '../../../workers/compute/backtest';
import { runJob } from '../lib/jobs';
import { computeWorker, forecastWorker } from '../lib/workers';
import { downloadText, safeFileName } from '../lib/download';
import type { BacktestReport } from '../../core/report/report';
import { parseReportFile, withCurrentNames } from '../../core/report/report-file';
import { defaultRunName } from '../../core/report/run-name';

export interface SavedBacktestRun {
  id: string;
  /** Short and editable; not unique (runs are keyed by id). */
  name: string;
  /** The user's notes (absent on runs saved before notes existed). */
  notes?: string;
  createdAt: string;
  request: BacktestRequest;
  report: BacktestReport;
  charts: BacktestCharts;
}

export function describeRequest(request: BacktestRequest): string {
  return defaultRunName(request.strategy, request.symbols);
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

/** Cached forecasting models (id and readable name) the forecast strategy can use besides the baselines. */
export async function cachedForecastModels(): Promise<{ id: string; name: string }[]> {
  return forecastWorker().usableModels();
}

/** A sweep of the forecast strategy with a cached model runs in the forecast worker too: each forecast is computed once (forecast store) and reused by every grid point. */
export function runSweepJob(request: BacktestRequest, axes: SweepAxis[], objective: SweepObjective): Promise<SweepResult> {
  const worker = usesModelWorker(request) ? forecastWorker() : computeWorker();
  const start = (jobId: string, onProgress: ProgressListener) =>
    usesModelWorker(request) ? forecastWorker().runForecastSweep(jobId, request, axes, objective, proxy(onProgress)) : computeWorker().runSweep(jobId, request, axes, objective, proxy(onProgress));
  return runJob('sweep', `Sweep ${describeRequest(request)}`, ({ jobId, onProgress }) => start(jobId, onProgress), { cancel: (jobId) => worker.cancel(jobId) });
}

export async function saveRun(request: BacktestRequest, outcome: BacktestOutcome, name = describeRequest(request), notes = ''): Promise<SavedBacktestRun> {
  const createdAt = new Date().toISOString();
  const run: SavedBacktestRun = { id: newRecordId('backtest', createdAt), name, notes, createdAt, request, ...outcome };
  await putRecord(await getQuantDb(), 'backtestRuns', run);
  return run;
}

export async function listRuns(): Promise<SavedBacktestRun[]> {
  const runs = await listRecords<SavedBacktestRun>(await getQuantDb(), 'backtestRuns');
  // Runs saved before a rename read under today's names (a position's averagePrice is its averageCost).
  return runs.map((run) => ({ ...run, report: withCurrentNames(run.report) })).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Renames a saved run or changes its notes. */
export async function updateRun(id: string, change: { name?: string; notes?: string }): Promise<void> {
  await updateRecord<SavedBacktestRun>(await getQuantDb(), 'backtestRuns', id, change);
}

/**
 * Saves a report file (JSON of "Download JSON" or the CLI) as a run; a bad file throws with the file
 * name and the fields at fault, and nothing is saved. Closes and correlations are not in the file,
 * so an imported run shows the tearsheet and trades but not trades on the price.
 */
export async function importRunFile(file: File): Promise<SavedBacktestRun> {
  const read = parseReportFile(await file.text(), file.name);
  if (!read.ok) throw new Error(read.message);
  const { report } = read;
  const { strategy, symbols, ...config } = report.config;
  const request: BacktestRequest = { symbols, strategy, config };
  const outcome: BacktestOutcome = { report, charts: { correlation: { symbols: [], matrix: [] } } };
  return saveRun(request, outcome, defaultRunName(strategy, symbols), `Imported from ${file.name}`);
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

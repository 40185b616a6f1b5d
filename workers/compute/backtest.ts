/**
 * Backtests and parameter sweeps in the compute worker: bars are read from IndexedDB here, the run
 * reports progress and stops on `cancel(jobId)`, and the UI receives the finished report plus the
 * series the report does not hold (correlations, closes for the trade markers); the tearsheet is
 * drawn from the report alone (src/core/report/tearsheet.ts), so an imported report shows the same.
 */
import type { JobOptions, ProgressListener } from '../../src/core/jobs/progress';
import { runBacktest } from '../../src/core/backtest/engine';
import type { BacktestConfig } from '../../src/core/backtest/config';
import { runSweep, type SweepAxis, type SweepObjective, type SweepResult } from '../../src/core/backtest/sweep';
import { correlationMatrix } from '../../src/core/metrics';
import { createStrategy, type StrategyDependencies, type StrategySpec } from '../../src/core/strategy/registry';
import type { StrategyDescriptor } from '../../src/core/strategy/define';
import { buildReport, type BacktestReport } from '../../src/core/report/report';
import type { DualModel } from '../../src/core/ml';
import type { PriceSeries } from '../../src/core/data/types';
import { userBaselines } from '../../src/store/app-settings';
import { loadSeries } from '../../src/store/bars';
import { getQuantDb } from '../../src/store/db';
import { getRecord } from '../../src/store/records';
import { finishJob, startJob } from './jobs';
import { strategyNamed } from './strategy-file';

export interface BacktestRequest {
  symbols: string[];
  strategy: StrategySpec;
  config: Partial<BacktestConfig>;
  /** Forecast strategy: a baseline id (e.g. "baseline:drift", compute worker) or a cached model id (forecast worker). */
  forecasterId?: string;
  /** Logistic strategy: a saved model of the `mlModels` store; walk-forward training when absent. */
  mlModelId?: string;
}

export interface BacktestCharts {
  correlation: { symbols: string[]; matrix: number[][] };
}

export interface BacktestOutcome {
  report: BacktestReport;
  charts: BacktestCharts;
}

async function loadUniverse(symbols: readonly string[], benchmark?: string): Promise<{ universe: PriceSeries[]; benchmark?: PriceSeries }> {
  if (symbols.length === 0) throw new Error('choose at least one symbol');
  const db = await getQuantDb();
  const universe = await Promise.all(symbols.map((s) => loadSeries(db, s)));
  const empty = universe.find((s) => s.dates.length === 0);
  if (empty) throw new Error(`symbol ${empty.symbol} has no stored bars (import it in the Data tab)`);
  if (!benchmark || symbols.includes(benchmark)) return { universe };
  const extra = await loadSeries(db, benchmark);
  if (extra.dates.length === 0) throw new Error(`benchmark ${benchmark} has no stored bars`);
  return { universe, benchmark: extra };
}

async function dependencies(request: BacktestRequest): Promise<StrategyDependencies> {
  const deps: StrategyDependencies = {};
  if (request.strategy.name === 'forecast') {
    const id = request.forecasterId ?? 'baseline:drift';
    deps.forecaster = (await userBaselines(await getQuantDb())).find((f) => f.info.id === id);
    if (!deps.forecaster) throw new Error(`forecaster ${id} is not available in the compute worker`);
  }
  if (request.strategy.name === 'logistic' && request.mlModelId) {
    const saved = await getRecord<{ id: string; model: DualModel }>(await getQuantDb(), 'mlModels', request.mlModelId);
    if (!saved) throw new Error(`model ${request.mlModelId} was not found`);
    deps.logisticModel = saved.model;
  }
  return deps;
}

function chartSeries(report: BacktestReport, universe: readonly PriceSeries[]): BacktestCharts {
  const { startDate, endDate } = report.metrics;
  const prices = universe.map((s) => {
    const from = s.dates.findIndex((d) => d >= startDate);
    let to = s.dates.length;
    while (to > 0 && s.dates[to - 1] > endDate) to--;
    const start = from < 0 ? s.dates.length : from;
    return { symbol: s.symbol, dates: s.dates.slice(start, to), close: s.close.slice(start, to) };
  });
  return { correlation: correlationMatrix(prices) };
}

/**
 * One backtest of stored symbols, report and chart series included. The forecast worker calls it too,
 * with a Chronos forecaster it has loaded (`deps.forecaster`), so model inference stays in that worker.
 */
export async function backtestStoredSymbols(request: BacktestRequest, deps: StrategyDependencies, job: JobOptions, descriptor?: StrategyDescriptor): Promise<BacktestOutcome> {
  const input = await loadUniverse(request.symbols, request.config.benchmark);
  const strategy = descriptor ? descriptor.create(request.strategy, deps) : createStrategy(request.strategy, deps);
  const result = await runBacktest(input, strategy, request.config, job);
  const report = buildReport(result, request.strategy);
  return { report, charts: chartSeries(report, input.universe) };
}

export const backtestApi = {
  async runBacktest(jobId: string, request: BacktestRequest, onProgress?: ProgressListener): Promise<BacktestOutcome> {
    const signal = startJob(jobId);
    try {
      // A built-in strategy or one of the user's strategy files.
      const descriptor = await strategyNamed(request.strategy.name);
      return await backtestStoredSymbols(request, await dependencies(request), { signal, onProgress }, descriptor);
    } finally {
      finishJob(jobId);
    }
  },

  async runSweep(jobId: string, request: BacktestRequest, axes: SweepAxis[], objective: SweepObjective, onProgress?: ProgressListener): Promise<SweepResult> {
    const signal = startJob(jobId);
    try {
      const input = await loadUniverse(request.symbols, request.config.benchmark);
      return await runSweep(input, request.strategy, axes, request.config, objective, await dependencies(request), { signal, onProgress });
    } finally {
      finishJob(jobId);
    }
  },
};

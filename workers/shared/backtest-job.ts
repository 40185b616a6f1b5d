/**
 * A backtest or parameter sweep of stored symbols, as both workers run it: bars are read from IndexedDB,
 * the run reports progress and stops on its signal, and the UI receives the finished report plus the
 * series the report does not hold (correlations); the tearsheet is drawn from the report alone
 * (src/core/report/tearsheet.ts), so an imported report shows the same.
 *
 * Which worker runs a job depends on what the strategy needs: the compute worker (workers/compute/backtest.ts)
 * for everything it can build itself, the forecast worker (workers/forecast/backtests.ts) for the forecast
 * strategy with a cached Chronos model, whose sessions live there. Each passes its own `deps`.
 */
import type { JobOptions } from '../../src/core/jobs/progress';
import { runBacktest } from '../../src/core/backtest/engine';
import type { BacktestConfig } from '../../src/core/backtest/config';
import { runSweep, type SweepAxis, type SweepObjective, type SweepResult } from '../../src/core/backtest/sweep';
import { correlationMatrix } from '../../src/core/metrics';
import { createStrategy, type StrategyDependencies, type StrategySpec } from '../../src/core/strategy/registry';
import type { StrategyDescriptor } from '../../src/core/strategy/define';
import { buildReport, type BacktestReport } from '../../src/core/report/report';
import type { PriceSeries } from '../../src/core/data/types';
import { loadSeries } from '../../src/store/bars';
import { getQuantDb } from '../../src/store/db';

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

/** One backtest of stored symbols, report and chart series included; `descriptor` for a user's strategy file. */
export async function backtestStoredSymbols(request: BacktestRequest, deps: StrategyDependencies, job: JobOptions, descriptor?: StrategyDescriptor): Promise<BacktestOutcome> {
  const input = await loadUniverse(request.symbols, request.config.benchmark);
  const strategy = descriptor ? descriptor.create(request.strategy, deps) : createStrategy(request.strategy, deps);
  const result = await runBacktest(input, strategy, request.config, job);
  const report = buildReport(result, request.strategy);
  return { report, charts: chartSeries(report, input.universe) };
}

/** A parameter sweep of stored symbols: one backtest per grid point, all with the same `deps`. */
export async function sweepStoredSymbols(request: BacktestRequest, axes: SweepAxis[], objective: SweepObjective, deps: StrategyDependencies, job: JobOptions, descriptor?: StrategyDescriptor): Promise<SweepResult> {
  const input = await loadUniverse(request.symbols, request.config.benchmark);
  return runSweep(input, request.strategy, axes, request.config, objective, deps, job, descriptor);
}

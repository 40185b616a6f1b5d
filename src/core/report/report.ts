/**
 * The backtest report (CLI contract: config, equity curve, trades, metrics), as plain JSON. The UI
 * saves the same object in IndexedDB and the HTML report is drawn from it, so all three agree.
 */
import type { BacktestResult, SignalEvent } from '../backtest/types';
import type { BacktestConfig } from '../backtest/config';
import { analyzeBacktest, type BacktestMetrics } from '../metrics/summary';
import type { CurveMetrics } from '../metrics/curve';
import { drawdownSeries, worstDrawdowns } from '../metrics/drawdown';
import type { PeriodReturn } from '../metrics/periods';
import type { Trade } from '../portfolio/types';
import type { StrategySpec } from '../strategy/registry';

export const reportFormat = 'quant-lens/backtest-report';
export const reportVersion = 1;

export interface EquityPoint {
  date: string;
  equity: number;
  benchmark: number;
  drawdownPct: number;
  exposurePct: number;
}

export interface BacktestReport {
  format: typeof reportFormat;
  version: number;
  createdAt: string;
  config: BacktestConfig & { strategy: StrategySpec; symbols: string[]; benchmark: string };
  metrics: BacktestMetrics;
  benchmarkMetrics: CurveMetrics;
  equityCurve: EquityPoint[];
  trades: Trade[];
  openTrades: Trade[];
  monthlyReturns: PeriodReturn[];
  yearlyReturns: PeriodReturn[];
  benchmarkMonthlyReturns: PeriodReturn[];
  benchmarkYearlyReturns: PeriodReturn[];
  drawdowns: { peak: string; trough: string; recovery: string | null; depthPct: number; lengthBars: number }[];
  signals: SignalEvent[];
  positions: BacktestResult['positions'];
}

/**
 * The report of a run. `strategy` is what its config records: a name (any strategy, built-in or your own)
 * or a spec with the settings used (`{name: 'sma-cross', fast: 10, slow: 30}`).
 */
export function buildReport(result: BacktestResult, strategy: StrategySpec | string, createdAt = new Date().toISOString()): BacktestReport {
  const spec = typeof strategy === 'string' ? { name: strategy } : strategy;
  const analysis = analyzeBacktest(result);
  const dd = drawdownSeries(result.equity);
  const { dates } = result;
  return {
    format: reportFormat,
    version: reportVersion,
    createdAt,
    config: { ...result.config, strategy: spec, symbols: result.symbols, benchmark: result.benchmarkSymbol },
    metrics: analysis.metrics,
    benchmarkMetrics: analysis.benchmark,
    equityCurve: dates.map((date, k) => ({
      date,
      equity: result.equity[k],
      benchmark: result.benchmarkEquity[k],
      drawdownPct: dd[k] * 100,
      exposurePct: result.grossExposure[k] * 100,
    })),
    trades: result.trades,
    openTrades: result.openTrades,
    monthlyReturns: analysis.monthly,
    yearlyReturns: analysis.yearly,
    benchmarkMonthlyReturns: analysis.benchmarkMonthly,
    benchmarkYearlyReturns: analysis.benchmarkYearly,
    drawdowns: worstDrawdowns(result.equity, 10).map((e) => ({
      peak: dates[e.peak],
      trough: dates[e.trough],
      recovery: e.recovery >= 0 ? dates[e.recovery] : null,
      depthPct: e.depth * 100,
      lengthBars: e.lengthBars,
    })),
    signals: result.signals,
    positions: result.positions,
  };
}

/** JSON text of a report; NaN and infinities (e.g. a Sharpe of a flat curve) become null. */
export function reportToJson(report: BacktestReport): string {
  return JSON.stringify(report, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 1);
}

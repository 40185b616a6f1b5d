/**
 * The metrics table of a backtest (DESIGN.md definitions, docs/backtest.md). Keys carry their unit:
 * `...Pct` in percent, `...Days` calendar days, `...Bars` trading days, currency amounts unsuffixed.
 */
import type { BacktestResult } from '../backtest/types';
import { curveMetrics, type CurveMetrics } from './curve';
import { monthlyReturns, yearlyReturns, type PeriodReturn } from './periods';
import { mean } from './returns';
import { tradeStats, type TradeStats } from './trades';

export interface BacktestMetrics extends CurveMetrics, TradeStats {
  startDate: string;
  endDate: string;
  bars: number;
  /** Buy-and-hold return of the benchmark over the same dates (closes, no costs). */
  benchmarkReturnPct: number;
  /** Share of bars that end with at least one open position. */
  exposureTimePct: number;
  /** Mean of gross exposure / equity over all bars. */
  averageExposurePct: number;
  /** Traded value / mean equity, per year. */
  annualTurnover: number;
  commissionPaid: number;
  /** Borrow fees paid on short positions. */
  borrowPaid: number;
  realizedPnl: number;
  unrealizedPnl: number;
  openTrades: number;
  signalsBuy: number;
  signalsSell: number;
  signalsHold: number;
}

export interface BacktestAnalysis {
  metrics: BacktestMetrics;
  /** The same curve metrics for the benchmark's buy-and-hold, for the side-by-side table. */
  benchmark: CurveMetrics;
  monthly: PeriodReturn[];
  yearly: PeriodReturn[];
  benchmarkMonthly: PeriodReturn[];
  benchmarkYearly: PeriodReturn[];
}

export function analyzeBacktest(result: BacktestResult): BacktestAnalysis {
  const { dates, equity, benchmarkEquity, grossExposure } = result;
  const curve = curveMetrics(dates, equity, benchmarkEquity);
  const bench = curveMetrics(dates, benchmarkEquity, benchmarkEquity);
  let exposedBars = 0;
  for (const g of grossExposure) if (g > 1e-12) exposedBars++;
  const nReturns = Math.max(1, dates.length - 1);
  const metrics: BacktestMetrics = {
    startDate: dates[0],
    endDate: dates[dates.length - 1],
    bars: dates.length,
    ...curve,
    benchmarkReturnPct: bench.totalReturnPct,
    ...tradeStats(result.trades),
    exposureTimePct: (exposedBars / dates.length) * 100,
    averageExposurePct: mean(grossExposure) * 100,
    annualTurnover: (result.tradedValue / mean(equity)) * (curve.periodsPerYear / nReturns),
    commissionPaid: result.commissionPaid,
    borrowPaid: result.borrowPaid,
    realizedPnl: result.realizedPnl,
    unrealizedPnl: result.unrealizedPnl,
    openTrades: result.openTrades.length,
    signalsBuy: result.signalCounts.buy,
    signalsSell: result.signalCounts.sell,
    signalsHold: result.signalCounts.hold,
  };
  return {
    metrics,
    benchmark: bench,
    monthly: monthlyReturns(dates, equity),
    yearly: yearlyReturns(dates, equity),
    benchmarkMonthly: monthlyReturns(dates, benchmarkEquity),
    benchmarkYearly: yearlyReturns(dates, benchmarkEquity),
  };
}

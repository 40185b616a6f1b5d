/**
 * Key metrics of the paper portfolio's equity history, computed with the shared metric functions
 * (src/core/metrics) so Overview, backtests and Analytics agree on every formula.
 */
import { alphaBeta, dailyReturns, maxDrawdown, sharpeRatio } from '../metrics';
import type { CloseSeries, EquityHistory } from './equity';

export interface PaperMetrics {
  /** Final equity / starting capital - 1. */
  totalReturn: number;
  /** Annualised Sharpe of daily equity returns (rf = 0); NaN with fewer than 2 returns. */
  sharpe: number;
  /** Deepest fall from a running peak (negative fraction; 0 when none). */
  maxDrawdown: number;
  /** OLS beta of daily equity returns on the benchmark's; NaN without a benchmark or history. */
  beta: number;
  days: number;
}

/** The benchmark's close on each of `dates`, carrying the last known close over missing dates. */
export function alignCloses(dates: readonly string[], series: CloseSeries): Float64Array {
  const out = new Float64Array(dates.length).fill(NaN);
  let k = 0;
  let last = NaN;
  dates.forEach((date, i) => {
    while (k < series.dates.length && series.dates[k] <= date) last = series.close[k++];
    out[i] = last;
  });
  return out;
}

export function paperMetrics(history: EquityHistory, startingCapital: number, benchmark?: CloseSeries): PaperMetrics {
  const n = history.equity.length;
  const final = n ? history.equity[n - 1] : startingCapital;
  const returns = dailyReturns(history.equity);
  let beta = NaN;
  if (benchmark && n > 2) {
    const bench = alignCloses(history.dates, benchmark);
    const firstKnown = bench.findIndex((v) => Number.isFinite(v));
    if (firstKnown >= 0 && n - firstKnown > 2) {
      beta = alphaBeta(returns.subarray(firstKnown), dailyReturns(bench.subarray(firstKnown))).beta;
    }
  }
  return {
    totalReturn: final / startingCapital - 1,
    sharpe: returns.length >= 2 ? sharpeRatio(returns) : NaN,
    maxDrawdown: n ? maxDrawdown(history.equity) : 0,
    beta,
    days: n,
  };
}

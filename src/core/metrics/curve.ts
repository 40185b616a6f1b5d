/** Every metric that depends only on a value curve: used for the strategy and its benchmark alike. */
import { maxDrawdown, drawdownEpisodes } from './drawdown';
import { alphaBeta, annualVolatility, cagr, calmarRatio, sharpeRatio, sortinoRatio } from './ratios';
import { dailyReturns, mean } from './returns';
import { historicalCVaR, historicalVaR } from './risk';

export interface CurveMetrics {
  startValue: number;
  finalValue: number;
  totalReturnPct: number;
  cagrPct: number;
  annualVolatilityPct: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  maxDrawdownPct: number;
  /** Longest drawdown episode, peak to recovery (or to the end): in bars and calendar days. */
  maxDrawdownDurationBars: number;
  maxDrawdownDurationDays: number;
  /** Mean depth of all drawdown episodes. */
  averageDrawdownPct: number;
  var95Pct: number;
  cvar95Pct: number;
  var99Pct: number;
  cvar99Pct: number;
  alphaAnnualPct: number;
  beta: number;
}

const DAY_MS = 86_400_000;

export function curveMetrics(dates: readonly string[], values: Float64Array, benchmark: Float64Array): CurveMetrics {
  const r = dailyReturns(values);
  const rb = dailyReturns(benchmark);
  const first = values[0];
  const last = values[values.length - 1];
  const growth = cagr(first, last, r.length);
  const mdd = maxDrawdown(values);
  const episodes = drawdownEpisodes(values);
  let longest = episodes[0];
  for (const e of episodes) if (e.lengthBars > longest.lengthBars) longest = e;
  const longestEnd = longest ? (longest.recovery >= 0 ? longest.recovery : values.length - 1) : 0;
  const { alpha, beta } = alphaBeta(r, rb);
  return {
    startValue: first,
    finalValue: last,
    totalReturnPct: (last / first - 1) * 100,
    cagrPct: growth * 100,
    annualVolatilityPct: annualVolatility(r) * 100,
    sharpe: sharpeRatio(r),
    sortino: sortinoRatio(r),
    calmar: calmarRatio(growth, mdd),
    maxDrawdownPct: mdd * 100,
    maxDrawdownDurationBars: longest ? longest.lengthBars : 0,
    maxDrawdownDurationDays: longest ? Math.round((Date.parse(dates[longestEnd]) - Date.parse(dates[longest.peak])) / DAY_MS) : 0,
    averageDrawdownPct: episodes.length ? mean(episodes.map((e) => e.depth)) * 100 : 0,
    var95Pct: historicalVaR(r, 0.95) * 100,
    cvar95Pct: historicalCVaR(r, 0.95) * 100,
    var99Pct: historicalVaR(r, 0.99) * 100,
    cvar99Pct: historicalCVaR(r, 0.99) * 100,
    alphaAnnualPct: alpha * 100,
    beta,
  };
}

/** Every metric that depends only on a value curve: used for the strategy and its benchmark alike. */
import { drawdownEpisodes, maxDrawdown, recoveryFactor, ulcerIndexPct } from './drawdown';
import { excessKurtosis, omegaRatio, probabilisticSharpe, skewness, tailRatio } from './distribution';
import { periodsPerYear as detectPeriodsPerYear } from './frequency';
import { bestAndWorst, monthlyReturns, yearlyReturns } from './periods';
import { alphaBeta, annualVolatility, cagr, calmarRatio, informationRatio, rSquared, sharpeRatio, sortinoRatio } from './ratios';
import { dailyReturns, mean } from './returns';
import { historicalCVaR, historicalVaR } from './risk';

export interface CurveMetrics {
  startValue: number;
  finalValue: number;
  /** 252 for daily bars, 52 weekly, 12 monthly: what every annualised number below used. */
  periodsPerYear: number;
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
  /** Historical VaR / CVaR of one period's return (a day for daily bars). */
  var95Pct: number;
  cvar95Pct: number;
  var99Pct: number;
  cvar99Pct: number;
  alphaAnnualPct: number;
  beta: number;
  skew: number;
  kurtosis: number;
  omega: number;
  tailRatio: number;
  ulcerIndexPct: number;
  recoveryFactor: number;
  /** Best and worst single period (bar), calendar month and calendar year. */
  bestDayPct: number;
  worstDayPct: number;
  bestMonthPct: number;
  worstMonthPct: number;
  bestYearPct: number;
  worstYearPct: number;
  probabilisticSharpePct: number;
  informationRatio: number;
  rSquared: number;
}

const DAY_MS = 86_400_000;

function extremes(values: Float64Array): { best: number; worst: number } {
  let best = -Infinity;
  let worst = Infinity;
  for (const v of values) {
    best = Math.max(best, v);
    worst = Math.min(worst, v);
  }
  return values.length ? { best, worst } : { best: NaN, worst: NaN };
}

export function curveMetrics(dates: readonly string[], values: Float64Array, benchmark: Float64Array): CurveMetrics {
  const periods = detectPeriodsPerYear(dates);
  const r = dailyReturns(values);
  const rb = dailyReturns(benchmark);
  const first = values[0];
  const last = values[values.length - 1];
  const growth = cagr(first, last, r.length, periods);
  const mdd = maxDrawdown(values);
  const episodes = drawdownEpisodes(values);
  let longest = episodes[0];
  for (const e of episodes) if (e.lengthBars > longest.lengthBars) longest = e;
  const longestEnd = longest ? (longest.recovery >= 0 ? longest.recovery : values.length - 1) : 0;
  const { alpha, beta } = alphaBeta(r, rb, periods);
  const day = extremes(r);
  const month = bestAndWorst(monthlyReturns(dates, values));
  const year = bestAndWorst(yearlyReturns(dates, values));
  return {
    startValue: first,
    finalValue: last,
    periodsPerYear: periods,
    totalReturnPct: (last / first - 1) * 100,
    cagrPct: growth * 100,
    annualVolatilityPct: annualVolatility(r, periods) * 100,
    sharpe: sharpeRatio(r, 0, periods),
    sortino: sortinoRatio(r, periods),
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
    skew: skewness(r),
    kurtosis: excessKurtosis(r),
    omega: omegaRatio(r),
    tailRatio: tailRatio(r),
    ulcerIndexPct: ulcerIndexPct(values),
    recoveryFactor: recoveryFactor(values),
    bestDayPct: day.best * 100,
    worstDayPct: day.worst * 100,
    bestMonthPct: month.best,
    worstMonthPct: month.worst,
    bestYearPct: year.best,
    worstYearPct: year.worst,
    probabilisticSharpePct: probabilisticSharpe(r) * 100,
    informationRatio: informationRatio(r, rb, periods),
    rSquared: rSquared(r, rb),
  };
}

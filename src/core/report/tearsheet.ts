/**
 * The tearsheet of a backtest report (as quantstats' full report): everything the charts and tables
 * show, computed from the report alone, so a run opened from its JSON file looks the same as a fresh
 * one, and the app and the offline HTML report draw the same numbers. Windows and annualisation follow
 * the curve's detected frequency (a 126-day window is 26 weeks or 6 months).
 */
import { dailyReturns, histogram, rollingBeta, rollingSharpe, rollingSortino, rollingVolatility, sampleStd, seriesFrequency, windowLabel, type Histogram, type SeriesFrequency } from '../metrics';
import type { BacktestReport } from './report';

export interface YearRow {
  year: string;
  strategyPct: number;
  benchmarkPct: number;
}

export interface MonthlyGrid {
  years: string[];
  /** Per year, 12 monthly returns in % (null where the run has no bar in that month). */
  months: (number | null)[][];
  /** The calendar year's return in % (the heatmap's yearly column). */
  yearTotals: number[];
}

export interface DrawdownRow {
  start: string;
  valley: string;
  /** The recovery date, or null while not recovered. */
  end: string | null;
  depthPct: number;
  /** Calendar days from the start to the recovery (or to the last date when not recovered). */
  days: number;
}

export interface Tearsheet {
  frequency: SeriesFrequency;
  dates: string[];
  /** Cumulative returns in % from the first date. */
  cumulative: { strategy: Float64Array; benchmark: Float64Array; volatilityMatchedBenchmark: Float64Array };
  yearly: YearRow[];
  monthly: MonthlyGrid;
  /** Distribution of the per-period returns, in %. */
  distribution: Histogram;
  /** Rolling measures over `rolling.window` periods, aligned with `rolling.dates` (the return dates). */
  rolling: { window: number; label: string; dates: string[]; volatilityPct: Float64Array; sharpe: Float64Array; sortino: Float64Array; beta: Float64Array };
  underwaterPct: Float64Array;
  /** The ten deepest drawdowns, deepest first; the charts shade the first five. */
  worstDrawdowns: DrawdownRow[];
}

const DAY_MS = 86_400_000;
const HALF_YEAR: Record<SeriesFrequency['period'], number> = { day: 126, week: 26, month: 6 };

function cumulativePct(returns: Float64Array, scale = 1): Float64Array {
  const out = new Float64Array(returns.length + 1);
  let growth = 1;
  for (let i = 0; i < returns.length; i++) {
    growth *= 1 + scale * returns[i];
    out[i + 1] = (growth - 1) * 100;
  }
  return out;
}

function monthlyGrid(report: BacktestReport): MonthlyGrid {
  const years = report.yearlyReturns.map((y) => y.period);
  const months = years.map(() => new Array<number | null>(12).fill(null));
  for (const m of report.monthlyReturns) months[years.indexOf(m.period.slice(0, 4))][Number(m.period.slice(5, 7)) - 1] = m.returnPct;
  return { years, months, yearTotals: report.yearlyReturns.map((y) => y.returnPct) };
}

function drawdownRows(report: BacktestReport): DrawdownRow[] {
  const last = report.equityCurve[report.equityCurve.length - 1]?.date ?? '';
  return report.drawdowns.slice(0, 10).map((d) => ({
    start: d.peak,
    valley: d.trough,
    end: d.recovery,
    depthPct: d.depthPct,
    days: Math.round((Date.parse(d.recovery ?? last) - Date.parse(d.peak)) / DAY_MS),
  }));
}

export function buildTearsheet(report: BacktestReport): Tearsheet {
  const dates = report.equityCurve.map((p) => p.date);
  const frequency = seriesFrequency(dates);
  const { periodsPerYear, period } = frequency;
  const r = dailyReturns(Float64Array.from(report.equityCurve, (p) => p.equity));
  const rb = dailyReturns(Float64Array.from(report.equityCurve, (p) => p.benchmark));
  // quantstats' "volatility matched": the benchmark's returns scaled to the strategy's volatility.
  const scale = sampleStd(r) / sampleStd(rb);
  const window = HALF_YEAR[period];
  const rolling = (f: () => Float64Array) => (r.length >= window ? f() : new Float64Array(r.length).fill(NaN));
  const benchmarkByYear = new Map(report.benchmarkYearlyReturns.map((y) => [y.period, y.returnPct]));
  return {
    frequency,
    dates,
    cumulative: { strategy: cumulativePct(r), benchmark: cumulativePct(rb), volatilityMatchedBenchmark: cumulativePct(rb, Number.isFinite(scale) ? scale : 0) },
    yearly: report.yearlyReturns.map((y) => ({ year: y.period, strategyPct: y.returnPct, benchmarkPct: benchmarkByYear.get(y.period) ?? NaN })),
    monthly: monthlyGrid(report),
    distribution: histogram(r.map((v) => v * 100), 40),
    rolling: {
      window,
      label: windowLabel(window, period),
      dates: dates.slice(1),
      volatilityPct: rolling(() => rollingVolatility(r, window, periodsPerYear).map((v) => v * 100)),
      sharpe: rolling(() => rollingSharpe(r, window, periodsPerYear)),
      sortino: rolling(() => rollingSortino(r, window, periodsPerYear)),
      beta: rolling(() => rollingBeta(r, rb, window)),
    },
    underwaterPct: Float64Array.from(report.equityCurve, (p) => p.drawdownPct),
    worstDrawdowns: drawdownRows(report),
  };
}

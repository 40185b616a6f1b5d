/**
 * Analytics work on value curves: a symbol's closes, a backtest run's equity or the paper
 * portfolio's equity history all become `{name, dates, values}`, so every measure applies to all.
 */
import type { PriceSeries } from '../data/types';
import { alignCloses } from '../paper/metrics';

export interface ValueCurve {
  name: string;
  /** Ascending YYYY-MM-DD. */
  dates: string[];
  values: Float64Array;
}

export function curveFromSeries(series: PriceSeries): ValueCurve {
  return { name: series.symbol, dates: series.dates, values: series.close };
}

/** A curve seen as a close-only price series (what the shared correlation function reads). */
export function curveAsSeries(curve: ValueCurve): PriceSeries {
  const empty = new Float64Array(curve.values.length);
  return { symbol: curve.name, dates: curve.dates, open: curve.values, high: curve.values, low: curve.values, close: curve.values, volume: empty };
}

/** `other`'s values on `curve`'s dates, the last known value carried over gaps (NaN before its start). */
export function valuesOnDates(dates: readonly string[], other: ValueCurve): Float64Array {
  return alignCloses(dates, { dates: other.dates, close: other.values });
}

export interface Comparison {
  /** The first common date, where every curve is 100. */
  start: string;
  /** Every curve on the common dates (see align.ts). */
  curves: { name: string; dates: string[]; normalised: Float64Array }[];
}

/**
 * Curves aligned on common dates (align.ts) and rebased to 100 at the first of them, so curves of
 * different price levels and frequencies (a run's equity beside a monthly stock) compare on one chart.
 */
export function normalisedComparison(aligned: { dates: string[]; curves: { name: string; values: Float64Array }[] }): Comparison {
  return {
    start: aligned.dates[0] ?? '',
    curves: aligned.curves.map((c) => ({ name: c.name, dates: aligned.dates, normalised: c.values.map((v) => (v / c.values[0]) * 100) })),
  };
}

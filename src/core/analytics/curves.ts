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
  /** First date every curve has a value on. */
  start: string;
  curves: { name: string; dates: string[]; normalised: Float64Array }[];
}

/**
 * Every curve rebased to 100 at the common start (the latest first date), so curves of different
 * price levels (or a run's equity beside a stock) compare on one chart.
 */
export function normalisedComparison(curves: readonly ValueCurve[]): Comparison {
  const usable = curves.filter((c) => c.dates.length > 0);
  const start = usable.reduce((latest, c) => (c.dates[0] > latest ? c.dates[0] : latest), '');
  return {
    start,
    curves: usable.map((c) => {
      const from = c.dates.findIndex((d) => d >= start);
      const base = c.values[from];
      return { name: c.name, dates: c.dates.slice(from), normalised: c.values.subarray(from).map((v) => (v / base) * 100) };
    }),
  };
}

/**
 * Price data conventions (see DESIGN.md): daily bars sorted ascending by date, one per date.
 * Dates are ISO calendar dates `YYYY-MM-DD` (exchange-local trading day, no time zone).
 */
export interface Bar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** Dividend/split adjusted close when the source has one (Yahoo "Adj Close"). */
  adjClose?: number;
}

/**
 * Column-oriented form of a symbol's history, the shape every numeric kernel works on.
 * All arrays have the same length and are aligned with `dates`.
 */
export interface PriceSeries {
  symbol: string;
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  adjClose?: Float64Array;
}

export function barsToSeries(symbol: string, bars: readonly Bar[]): PriceSeries {
  const n = bars.length;
  const series: PriceSeries = {
    symbol,
    dates: new Array<string>(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  const hasAdj = n > 0 && bars.every((b) => b.adjClose !== undefined);
  if (hasAdj) series.adjClose = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = bars[i];
    series.dates[i] = b.date;
    series.open[i] = b.open;
    series.high[i] = b.high;
    series.low[i] = b.low;
    series.close[i] = b.close;
    series.volume[i] = b.volume;
    if (series.adjClose) series.adjClose[i] = b.adjClose!;
  }
  return series;
}

export function seriesToBars(series: PriceSeries): Bar[] {
  return series.dates.map((date, i) => {
    const bar: Bar = {
      date,
      open: series.open[i],
      high: series.high[i],
      low: series.low[i],
      close: series.close[i],
      volume: series.volume[i],
    };
    if (series.adjClose) bar.adjClose = series.adjClose[i];
    return bar;
  });
}

/** Sampling frequency detected from the spacing of dates (monthly files must not look like gappy daily ones). */
export type BarFrequency = 'daily' | 'weekly' | 'monthly' | 'unknown';

/** Traffic-light verdict shown as a badge next to each symbol. */
export type QualityLevel = 'good' | 'warn' | 'bad';

/** The headline numbers of a symbol's data-quality report, small enough to keep with the symbol's metadata. */
export interface QualitySummary {
  level: QualityLevel;
  frequency: BarFrequency;
  /** Expected trading periods (NYSE calendar at the detected frequency) that have no bar. */
  missingPeriods: number;
  /** Gaps of several consecutive missing periods (see quality.ts for the threshold). */
  longGaps: number;
  /** Bars with volume exactly 0 (bars without volume data, NaN, are not counted). */
  zeroVolumeBars: number;
  /** Close-to-close moves with |return| > 30%. */
  suspiciousJumps: number;
  /** Dates that appeared more than once in the imported file(s). */
  duplicateDates: number;
}

/**
 * Bars as stored: one `barChunks` record per symbol and calendar year, in columns. IndexedDB's cost is
 * per record (~170 µs of CPU per put in Chromium), so a year of ~252 bars costs one record, not 252.
 * Pure conversions between a symbol's `Bar[]` and its chunks; symbol-write.ts and bars.ts do the I/O.
 */
import type { Bar, PriceSeries } from '../core/data/types';

/** One symbol's bars of one calendar year, sorted by date, in the columns of a {@link PriceSeries}. */
export interface BarChunk extends PriceSeries {
  /** `YYYY`, the first four characters of every date in the chunk. */
  year: string;
  /** Present when any bar of the chunk has an adjusted close; NaN marks a bar without one. */
  adjClose?: Float64Array;
}

/** The calendar year of a `YYYY-MM-DD` date, as a chunk's key part. */
export function yearOf(date: string): string {
  return date.slice(0, 4);
}

/** Every key of one symbol in `barChunks` ([symbol, year] keys sort by year within a symbol). */
export function symbolRange(symbol: string): IDBKeyRange {
  return IDBKeyRange.bound([symbol, ''], [symbol, '\uffff']);
}

/** A symbol's sorted bars grouped by calendar year, in date order. */
export function barsByYear(bars: readonly Bar[]): Map<string, Bar[]> {
  const years = new Map<string, Bar[]>();
  for (const bar of bars) {
    const year = yearOf(bar.date);
    const list = years.get(year);
    if (list) list.push(bar);
    else years.set(year, [bar]);
  }
  return years;
}

/** The chunk of one year's sorted bars (all of the same year). */
export function toChunk(symbol: string, year: string, bars: readonly Bar[]): BarChunk {
  const column = (pick: (bar: Bar) => number) => Float64Array.from(bars, pick);
  const chunk: BarChunk = {
    symbol,
    year,
    dates: bars.map((bar) => bar.date),
    open: column((bar) => bar.open),
    high: column((bar) => bar.high),
    low: column((bar) => bar.low),
    close: column((bar) => bar.close),
    volume: column((bar) => bar.volume),
  };
  if (bars.some((bar) => bar.adjClose !== undefined)) chunk.adjClose = column((bar) => bar.adjClose ?? NaN);
  return chunk;
}

/** Every chunk of a symbol's sorted history. */
export function toChunks(symbol: string, bars: readonly Bar[]): BarChunk[] {
  return [...barsByYear(bars)].map(([year, list]) => toChunk(symbol, year, list));
}

/** The bars of chunks sorted by year (as `getAll` over {@link symbolRange} returns them), in date order. */
export function barsOfChunks(chunks: readonly BarChunk[]): Bar[] {
  const bars: Bar[] = [];
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.dates.length; i++) {
      const bar: Bar = { date: chunk.dates[i], open: chunk.open[i], high: chunk.high[i], low: chunk.low[i], close: chunk.close[i], volume: chunk.volume[i] };
      const adjClose = chunk.adjClose?.[i];
      if (adjClose !== undefined && !Number.isNaN(adjClose)) bar.adjClose = adjClose;
      bars.push(bar);
    }
  }
  return bars;
}

/** A bar of the `bars` store of schema versions 1-4 (one record per bar), without its symbol key part. */
export function toBar({ symbol: _symbol, ...bar }: Bar & { symbol: string }): Bar {
  return bar;
}

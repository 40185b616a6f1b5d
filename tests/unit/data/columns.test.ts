import { describe, expect, it } from 'vitest';
import { checkMapping, detectColumns } from '../../../src/core/data/columns';

describe('detectColumns', () => {
  it('maps Yahoo, Stooq and vega headers', () => {
    expect(detectColumns(['Date', 'Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume']).mapping.columns)
      .toEqual({ date: 0, open: 1, high: 2, low: 3, close: 4, adjClose: 5, volume: 6 });
    expect(detectColumns(['<TICKER>', '<PER>', '<DATE>', '<TIME>', '<OPEN>', '<HIGH>', '<LOW>', '<CLOSE>', '<VOL>', '<OPENINT>']).mapping.columns)
      .toEqual({ symbol: 0, date: 2, open: 4, high: 5, low: 6, close: 7, volume: 8 });
    expect(detectColumns(['date', 'open', 'high', 'low', 'close', 'adjclose', 'volume']).needsMapping).toBe(false);
    expect(detectColumns(['symbol', 'date', 'price']).mapping.columns).toEqual({ symbol: 0, date: 1, close: 2 });
  });

  it('prefers the better name when two columns fit ("Close" over "Price")', () => {
    const d = detectColumns(['Date', 'Price', 'Close']);
    expect(d.mapping.columns.close).toBe(2);
    expect(d.candidates.close).toEqual([2, 1]);
    expect(d.needsMapping).toBe(false);
  });

  it('asks for a mapping when names collide, a required column is missing, or there is no header', () => {
    const twin = detectColumns(['Date', 'Close', 'close']);
    expect(twin.needsMapping).toBe(true);
    expect(twin.reasons).toEqual(['several columns could be "close": Close, close']);
    expect(twin.candidates.close).toEqual([1, 2]);
    const missing = detectColumns(['When', 'Open', 'Last trade']);
    expect(missing.reasons).toEqual(['no column named like "date"', 'no column named like "close"']);
    expect(missing.candidates.date).toEqual([0, 1, 2]);
    const headerless = detectColumns(['2024-01-02', '10', '11']);
    expect(headerless.mapping.hasHeader).toBe(false);
    expect(headerless.reasons).toEqual(['the first row is data, not column names']);
  });
});

describe('checkMapping', () => {
  it('requires date and close on distinct existing columns', () => {
    expect(checkMapping({ hasHeader: true, columns: { date: 0, close: 1 } }, 2)).toEqual([]);
    expect(checkMapping({ hasHeader: true, columns: { date: 0, close: 0, volume: 5 } }, 3)).toEqual(['close and date use the same column', 'volume: no column 5']);
    expect(checkMapping({ hasHeader: false, columns: { close: 1 } }, 3)).toEqual(['choose the date column']);
  });
});

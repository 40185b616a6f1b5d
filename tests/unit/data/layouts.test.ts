/**
 * The price files people really have, each read from a fixture in exactly its tool's layout
 * (tests/fixtures/data/layouts/: pandas and yfinance files written by real pandas with
 * make_fixtures.py, Investing.com exports as the site writes them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImportFile, type FileParse } from '../../../src/core/data/parse';
import type { Bar } from '../../../src/core/data/types';

const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`tests/fixtures/data/layouts/${name}`)) });
const messages = (r: FileParse, severity: string) => r.problems.filter((p) => p.severity === severity).map((p) => [p.row, p.column, p.message]);
/** yfinance prices are float32 values widened to float64: 185.64 is written 185.63999938964844. */
const f32 = Math.fround;
const yahooBar = (date: string, open: number, high: number, low: number, close: number, volume: number, adjClose?: number): Bar =>
  ({ date, open: f32(open), high: f32(high), low: f32(low), close: f32(close), volume, ...(adjClose !== undefined ? { adjClose: f32(adjClose) } : {}) });

const AAPL = [
  yahooBar('2024-01-02', 187.15, 188.44, 183.89, 185.64, 82488700, 184.73),
  yahooBar('2024-01-03', 184.22, 185.88, 183.43, 184.25, 58414500, 183.35),
  yahooBar('2024-01-04', 182.15, 183.09, 180.88, 181.91, 71983600, 181.02),
  yahooBar('2024-01-05', 181.99, 182.76, 180.17, 181.18, 62303300, 180.30),
];
const MSFT = [
  yahooBar('2024-01-02', 373.86, 375.90, 366.77, 370.87, 25258600, 368.17),
  yahooBar('2024-01-03', 369.01, 373.26, 368.51, 370.60, 23083500, 367.90),
  yahooBar('2024-01-04', 370.67, 373.10, 367.17, 367.94, 20901500, 365.27),
  yahooBar('2024-01-05', 368.97, 372.06, 366.50, 367.75, 20987000, 365.07),
];
const withoutAdj = (bars: Bar[]) => bars.map(({ adjClose: _, ...bar }) => bar);

describe('pandas to_csv() with an unnamed date index', () => {
  it('takes the first column as the date column because its values are dates', async () => {
    const r = await parseImportFile(fixture('pandas-unnamed-index.csv'), { symbol: 'AAPL' });
    expect(r.needsMapping).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.symbols[0].bars).toEqual(withoutAdj(AAPL));
  });

  it('still asks when the unnamed first column is not dates', async () => {
    const r = await parseImportFile({ name: 'x.csv', bytes: new TextEncoder().encode(',Close\n0,1.5\n1,1.6\n') });
    expect(r.needsMapping?.reasons).toEqual(['no column named like "date"']);
  });
});

describe('yfinance download(): three header rows', () => {
  it('one ticker, price-major, no Adj Close (auto_adjust=True): the symbol comes from the Ticker row', async () => {
    const r = await parseImportFile(fixture('yfinance-download-AAPL.csv'));
    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.symbols.map((s) => s.symbol)).toEqual(['AAPL']);
    expect(r.symbols[0].bars).toEqual(withoutAdj(AAPL));
  });

  it('several tickers, price-major with Adj Close: one symbol per ticker', async () => {
    const r = await parseImportFile(fixture('yfinance-download-AAPL-MSFT-adj.csv'));
    expect(r.ok).toBe(true);
    expect(r.symbols.map((s) => [s.symbol, s.bars])).toEqual([['AAPL', AAPL], ['MSFT', MSFT]]);
  });

  it("group_by='ticker' (ticker-major), with and without Adj Close, tickers in the file's order", async () => {
    const plain = await parseImportFile(fixture('yfinance-download-group-by-ticker.csv'));
    expect(plain.ok).toBe(true);
    expect(plain.symbols.map((s) => [s.symbol, s.bars])).toEqual([['MSFT', withoutAdj(MSFT)], ['AAPL', withoutAdj(AAPL)]]);
    const adjusted = await parseImportFile(fixture('yfinance-download-group-by-ticker-adj.csv'));
    expect(adjusted.symbols.map((s) => [s.symbol, s.bars])).toEqual([['MSFT', MSFT], ['AAPL', AAPL]]);
  });

  it('a day one ticker did not trade (empty cells, as pandas writes NaN) is skipped for that ticker only, with a warning naming it', async () => {
    const text = readFileSync('tests/fixtures/data/layouts/yfinance-download-group-by-ticker.csv', 'utf8')
      .replace('2024-01-03,369.010009765625,373.260009765625,368.510009765625,370.6000061035156,23083500,', '2024-01-03,,,,,,');
    const r = await parseImportFile({ name: 'yf.csv', bytes: new TextEncoder().encode(text) });
    expect(r.ok).toBe(true);
    expect(r.symbols.map((s) => [s.symbol, s.bars.length])).toEqual([['MSFT', 3], ['AAPL', 4]]);
    expect(messages(r, 'warning')).toEqual([[5, undefined, 'MSFT: no prices in this row: skipped']]);
  });

  it('a symbol can be given for a one-ticker file, not for several; bad cells name the ticker column', async () => {
    expect((await parseImportFile(fixture('yfinance-download-AAPL.csv'), { symbol: 'APPLE' })).symbols[0].symbol).toBe('APPLE');
    const several = await parseImportFile(fixture('yfinance-download-AAPL-MSFT-adj.csv'), { symbol: 'X' });
    expect(messages(several, 'error')).toEqual([[undefined, undefined, 'the file holds 2 tickers (AAPL, MSFT); a symbol can only be given for a one-ticker file']]);
    const text = readFileSync('tests/fixtures/data/layouts/yfinance-download-group-by-ticker.csv', 'utf8').replace('370.6000061035156', 'abc');
    const broken = await parseImportFile({ name: 'yf.csv', bytes: new TextEncoder().encode(text) });
    expect(messages(broken, 'error')).toEqual([[5, 'MSFT Close', 'not a number: "abc"']]);
  });
});

describe('yfinance Ticker.history().to_csv()', () => {
  it('dates are the local part of tz-aware timestamps (across a DST change); Dividends, Stock Splits, Capital Gains are not imported, with a note', async () => {
    const r = await parseImportFile(fixture('yfinance-history-SPY.csv'));
    expect(r.ok).toBe(true);
    expect(r.symbols[0].symbol).toBe('YFINANCE-HISTORY-SPY');
    // Only the local part counts: the offset changes from -05:00 to -04:00 and no date moves.
    expect(r.symbols[0].bars.map((b) => b.date)).toEqual(['2024-03-07', '2024-03-08', '2024-03-11', '2024-03-12', '2024-03-15']);
    expect(r.symbols[0].bars[4]).toEqual(yahooBar('2024-03-15', 510.21, 511.70, 508.13, 508.60, 107646300));
    expect(messages(r, 'info')).toEqual([[undefined, undefined, 'columns not imported: Dividends, Stock Splits, Capital Gains']]);
  });

  it('a late-evening UTC offset keeps the local date too (a Tokyo midnight is the previous day in UTC)', async () => {
    const text = 'Date,Open,High,Low,Close,Volume\n2024-01-04 00:00:00+09:00,100,101,99,100,5\n2024-01-05 00:00:00+09:00,100,101,99,100,5\n';
    const r = await parseImportFile({ name: '7203.T.csv', bytes: new TextEncoder().encode(text) });
    expect(r.symbols[0].bars.map((b) => b.date)).toEqual(['2024-01-04', '2024-01-05']);
  });
});

describe('Investing.com exports', () => {
  it('MM/DD/YYYY dates newest first, Price is the close, volumes in M; Change % is not imported', async () => {
    const r = await parseImportFile(fixture('investing-AAPL.csv'), { symbol: 'AAPL' });
    expect(r.ok).toBe(true);
    expect(r.symbols[0].bars).toEqual([
      { date: '2024-01-02', open: 187.15, high: 188.44, low: 183.89, close: 185.64, volume: 82_490_000 },
      { date: '2024-01-03', open: 184.22, high: 185.88, low: 183.43, close: 184.25, volume: 58_410_000 },
      { date: '2024-01-04', open: 182.15, high: 183.09, low: 180.88, close: 181.91, volume: 71_980_000 },
      { date: '2024-01-05', open: 181.99, high: 182.76, low: 180.17, close: 181.18, volume: 62_300_000 },
    ]);
    expect(messages(r, 'info')).toEqual([
      [undefined, undefined, 'column not imported: Change %'],
      // January 2nd to 5th fit DD/MM too: the user is told which reading was taken.
      [undefined, 'Date', 'dates read as MM/DD/YYYY; every one also fits DD/MM/YYYY: choose the date format if that is wrong'],
      [undefined, undefined, 'rows are not in date order: sorted by date'],
    ]);
  });

  it('"Jan 02, 2024" dates, quoted thousands separators, K/B volumes and "-" for no volume', async () => {
    const r = await parseImportFile(fixture('investing-SPX.csv'), { symbol: 'SPX' });
    expect(r.ok).toBe(true);
    expect(r.symbols[0].bars).toEqual([
      { date: '2024-01-02', open: 4745.2, high: 4754.33, low: 4722.67, close: 4742.83, volume: 3_740_000_000 },
      { date: '2024-01-03', open: 4725.07, high: 4729.29, low: 4699.71, close: 4704.81, volume: 450_500 },
      { date: '2024-01-04', open: 4697.42, high: 4726.78, low: 4687.53, close: 4688.68, volume: NaN },
      { date: '2024-01-05', open: 4690.57, high: 4721.49, low: 4682.11, close: 4697.24, volume: 2_650_000_000 },
    ]);
  });
});

describe('a row with more fields than the header', () => {
  it('is an error naming file and row (an unquoted 58,414,500), never a shortened row with shifted numbers', async () => {
    const r = await parseImportFile(fixture('unquoted-thousands.csv'), { symbol: 'AAPL' });
    expect(r.ok).toBe(false);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([{
      file: 'unquoted-thousands.csv', row: 3, severity: 'error',
      message: 'expected 6 fields as in the header, found 8 (an unquoted thousands separator or stray delimiter?)',
    }]);
    expect(r.symbols[0].bars.map((b) => [b.date, b.volume])).toEqual([['2024-01-02', 82488700], ['2024-01-04', 71983600]]);
  });
});

describe('day-first files whose days are all <= 12', () => {
  it('are read as MM/DD with a note saying DD/MM fits too; the date format option reads them day-first', async () => {
    const file = { name: 'EU.csv', bytes: new TextEncoder().encode('Date,Close\n02/01/2024,10\n03/01/2024,11\n') };
    const guessed = await parseImportFile(file);
    expect(guessed.symbols[0].bars.map((b) => b.date)).toEqual(['2024-02-01', '2024-03-01']);
    expect(messages(guessed, 'info')).toContainEqual([undefined, 'Date', 'dates read as MM/DD/YYYY; every one also fits DD/MM/YYYY: choose the date format if that is wrong']);
    const chosen = await parseImportFile(file, { dateFormat: 'dmy' });
    expect(chosen.symbols[0].bars.map((b) => b.date)).toEqual(['2024-01-02', '2024-01-03']);
    expect(messages(chosen, 'info').map((m) => m[2])).not.toContain('dates read as MM/DD/YYYY; every one also fits DD/MM/YYYY: choose the date format if that is wrong');
  });
});

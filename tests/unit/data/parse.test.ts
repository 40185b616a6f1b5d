import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isoFromDayNumber } from '../../../src/core/data/dates';
import { MAX_IMPORT_BYTES } from '../../../src/core/data/decode';
import { CancelledError, type ProgressEvent } from '../../../src/core/jobs/progress';
import { parseImportFile, symbolFromFileName, type FileParse } from '../../../src/core/data/parse';

const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`tests/fixtures/data/${name}`)) });
const textFile = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
/** Problems as compact tuples, easy to compare with hand-worked lists. */
const issues = (r: FileParse, severity = 'error') =>
  r.problems.filter((p) => p.severity === severity).map((p) => [p.row, p.column, p.message]);

describe('parseImportFile: formats', () => {
  it('reads a Yahoo CSV with adjusted close, symbol from the file name', async () => {
    const r = await parseImportFile(fixture('AAPL.csv'));
    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.symbols.map((s) => [s.symbol, s.bars.length])).toEqual([['AAPL', 10]]);
    expect(r.symbols[0].bars[0]).toEqual({ date: '2024-01-02', open: 187.15, high: 188.44, low: 183.89, close: 185.64, adjClose: 184.73, volume: 82488700 });
    // 2024-01-15 was MLK day: the ten bars cover every trading day.
    expect(r.symbols[0].quality.summary).toMatchObject({ level: 'good', frequency: 'daily', missingPeriods: 0 });
  });

  it('reads Stooq ; files with decimal commas, BOM, CRLF, unsorted rows (sorted, with a note)', async () => {
    const r = await parseImportFile(fixture('stooq-semicolon.csv'), { symbol: 'CDR.PL' });
    expect(r.ok).toBe(true);
    expect(r.symbols[0].symbol).toBe('CDR.PL');
    expect(r.symbols[0].bars).toEqual([
      { date: '2024-01-02', open: 99, high: 100.5, low: 98.5, close: 100.5, volume: 1200 },
      { date: '2024-01-03', open: 100.5, high: 101.25, low: 99.75, close: 100, volume: 1500 },
    ]);
    expect(issues(r, 'info')).toEqual([[undefined, undefined, 'rows are not in date order: sorted by date']]);
  });

  it('reads the Stooq text format with ticker column and YYYYMMDD dates', async () => {
    const r = await parseImportFile(fixture('msft.us.txt'));
    expect(r.ok).toBe(true);
    expect(r.symbols.map((s) => [s.symbol, s.bars.map((b) => b.date)])).toEqual([['MSFT.US', ['2024-01-02', '2024-01-03']]]);
  });

  it('reads the vega files: daily S&P 500 and the long-format monthly stocks', async () => {
    const sp = await parseImportFile({ name: 'sp500-2000.csv', bytes: readFileSync('node_modules/vega-datasets/data/sp500-2000.csv') }, { symbol: 'SPX' });
    expect(sp.ok).toBe(true);
    expect(sp.symbols[0].bars.length).toBe(5105);
    expect(sp.symbols[0].bars.at(-1)).toEqual({ date: '2020-04-17', open: 2842.429932, high: 2879.219971, low: 2830.879883, close: 2874.560059, adjClose: 2874.560059, volume: 5792140000 });
    expect(sp.symbols[0].quality.summary.level).toBe('good');
    const stocks = await parseImportFile({ name: 'stocks.csv', bytes: readFileSync('node_modules/vega-datasets/data/stocks.csv') });
    expect(stocks.ok).toBe(true);
    expect(stocks.symbols.map((s) => [s.symbol, s.bars.length, s.quality.summary.frequency, s.quality.summary.missingPeriods]))
      .toEqual([['MSFT', 123, 'monthly', 0], ['AMZN', 123, 'monthly', 0], ['IBM', 123, 'monthly', 0], ['GOOG', 68, 'monthly', 0], ['AAPL', 123, 'monthly', 0]]);
    expect(stocks.symbols[0].bars[0]).toEqual({ date: '2000-01-01', open: 39.81, high: 39.81, low: 39.81, close: 39.81, volume: NaN });
    expect(issues(stocks, 'info')).toEqual([
      [undefined, undefined, 'no open/high/low columns: open, high and low are set to the close'],
      [undefined, undefined, 'no volume column: volume is unknown'],
    ]);
  });

  it('skips Yahoo "null" rows with a warning, and treats empty volume as unknown', async () => {
    const r = await parseImportFile(textFile('X.csv', 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,2,0.5,1.5,1.5,\n2024-01-03,null,null,null,null,null,null\n'));
    expect(r.ok).toBe(true);
    expect(issues(r, 'warning')).toEqual([[3, undefined, 'no prices in this row: skipped']]);
    expect(r.symbols[0].bars).toEqual([{ date: '2024-01-02', open: 1, high: 2, low: 0.5, close: 1.5, adjClose: 1.5, volume: NaN }]);
  });

  it('derives symbols from file names', () => {
    expect(['AAPL.csv', 'aapl.us.txt', 'SPY (1).csv', 'dir/^gspc.csv', '.csv'].map(symbolFromFileName)).toEqual(['AAPL', 'AAPL.US', 'SPY', '^GSPC', 'IMPORTED']);
  });
});

describe('parseImportFile: every problem with row and column', () => {
  it('reports each broken row of a Yahoo file (hand-worked list) and is not importable', async () => {
    const r = await parseImportFile(fixture('broken.csv'));
    expect(r.ok).toBe(false);
    expect(r.problems.every((p) => p.file === 'broken.csv')).toBe(true);
    expect(issues(r)).toEqual([
      [3, 'Date', 'unparseable date "2024-13-01" (expected YYYY-MM-DD)'],
      [4, 'Close', 'not a number: "abc"'],
      [5, 'High', 'high 180.17 is below low 182.76'],
      [6, 'Close', 'close 186.56 is above high 185.6'],
      [7, 'Volume', 'negative volume -42841800'],
      [8, 'Open', 'missing value'],
      [9, undefined, 'duplicate date 2024-01-02 (also row 2); confirm "keep last" to import the later row'],
    ]);
  });

  it('keeps the later duplicate only when the user confirms', async () => {
    const text = 'Date,Close\n2024-01-02,10\n2024-01-03,11\n2024-01-02,12\n';
    const confirmed = await parseImportFile(textFile('D.csv', text), { keepLastDuplicates: true });
    expect(confirmed.ok).toBe(true);
    expect(issues(confirmed, 'warning')).toEqual([[4, undefined, 'duplicate date 2024-01-02 (also row 2): kept this later row']]);
    expect(confirmed.symbols[0].bars.map((b) => [b.date, b.close])).toEqual([['2024-01-02', 12], ['2024-01-03', 11]]);
    expect(confirmed.symbols[0].quality.summary.duplicateDates).toBe(1);
  });

  it('reports rows with too few fields and an unterminated quote', async () => {
    expect(issues(await parseImportFile(textFile('F.csv', 'Date,Open,Close\n2024-01-02,1\n2024-01-03,1,1\n')))).toEqual([[2, undefined, 'expected at least 3 fields, found 2']]);
    expect(issues(await parseImportFile(textFile('Q.csv', 'Date,Close\n2024-01-02,"1\n2024-01-03,2\n')))).toEqual([[2, undefined, 'a quoted field is never closed (missing ")']]);
  });

  it('refuses empty, header-only, oversized, binary and non-UTF-8 files', async () => {
    expect(issues(await parseImportFile(textFile('E.csv', '')))).toEqual([[undefined, undefined, 'empty file']]);
    expect(issues(await parseImportFile(textFile('E.csv', '\n\n')))).toEqual([[undefined, undefined, 'empty file (no rows)']]);
    expect(issues(await parseImportFile(textFile('H.csv', 'Date,Close\n')))).toEqual([[undefined, undefined, 'no data rows (only a header)']]);
    const huge = await parseImportFile({ name: 'big.csv', bytes: new Uint8Array(MAX_IMPORT_BYTES + 1) });
    expect(issues(huge)).toEqual([[undefined, undefined, 'file too large: 64.0 MB (limit 64.0 MB); split it by date range']]);
    // The UI does not even read a file it knows to be too large.
    const unread = await parseImportFile({ name: 'big.csv', bytes: new Uint8Array(0), size: 300 * 1024 * 1024 });
    expect(issues(unread)).toEqual([[undefined, undefined, 'file too large: 300.0 MB (limit 64.0 MB); split it by date range']]);
    const xlsx = await parseImportFile({ name: 'prices.xlsx', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 8, 0]) });
    expect(issues(xlsx)).toEqual([[undefined, undefined, 'this is a binary (zip/Excel) file, not text: save it as CSV first']]);
    // "Café" in Windows-1252 (0xE9) on line 3.
    const latin1 = new Uint8Array([...new TextEncoder().encode('Date,Close\n2024-01-02,1\nCaf'), 0xe9, 0x0a]);
    expect(issues(await parseImportFile({ name: 'L.csv', bytes: latin1 }))).toEqual([[3, undefined, 'not UTF-8 text: invalid byte after "Caf" (Latin-1/Windows-1252 export? re-save the file as UTF-8)']]);
  });

  it('decodes UTF-16 text (with or without byte-order mark)', async () => {
    const text = 'Date,Close\n2024-01-02,10\n';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le[2 * i] = text.charCodeAt(i);
    const withBom = new Uint8Array([0xff, 0xfe, ...le]);
    for (const bytes of [withBom, le]) {
      const r = await parseImportFile({ name: 'U.csv', bytes });
      expect(r.ok).toBe(true);
      expect(r.symbols[0].bars).toEqual([{ date: '2024-01-02', open: 10, high: 10, low: 10, close: 10, volume: NaN }]);
    }
  });

  it('rejects an invalid symbol and a symbol given for a multi-symbol file', async () => {
    expect(issues(await parseImportFile(fixture('AAPL.csv'), { symbol: 'A B' }))).toEqual([[undefined, undefined, 'invalid symbol "A B" (letters, digits and . - ^ = _ : / only, at most 32)']]);
    const multi = await parseImportFile(textFile('m.csv', 'symbol,date,price\nA,2024-01-02,1\nB,2024-01-02,2\n'), { symbol: 'X' });
    expect(issues(multi)).toEqual([[undefined, undefined, 'the file holds 2 symbols (A, B); a symbol can only be given for a one-symbol file']]);
  });
});

describe('parseImportFile: column mapping', () => {
  it('asks for a mapping with candidates and a preview, then reads with the chosen mapping', async () => {
    const file = textFile('nohead.csv', '01/02/2024,10,12,9,11,500\n01/03/2024,11,13,10,12,600\n');
    const ask = await parseImportFile(file);
    expect(ask.ok).toBe(false);
    expect(ask.needsMapping).toMatchObject({ columns: ['Column 1', 'Column 2', 'Column 3', 'Column 4', 'Column 5', 'Column 6'], reasons: ['the first row is data, not column names'] });
    expect(ask.needsMapping!.preview).toHaveLength(2);
    const r = await parseImportFile(file, { symbol: 'NOHEAD', mapping: { hasHeader: false, columns: { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 } } });
    expect(r.ok).toBe(true);
    expect(r.symbols[0].bars).toEqual([
      { date: '2024-01-02', open: 10, high: 12, low: 9, close: 11, volume: 500 },
      { date: '2024-01-03', open: 11, high: 13, low: 10, close: 12, volume: 600 },
    ]);
    const bad = await parseImportFile(file, { mapping: { hasHeader: false, columns: { date: 0 } } });
    expect(issues(bad)).toEqual([[undefined, undefined, 'column mapping: choose the close column']]);
  });
});

describe('parseImportFile: JSON', () => {
  it('reads an array of bars, {symbol, bars} and case-insensitive keys', async () => {
    const arr = await parseImportFile(textFile('SPY.json', '[{"Date":"2024-01-02","Open":1,"High":2,"Low":0.5,"Close":1.5,"Volume":10}]'));
    expect(arr.symbols).toEqual([expect.objectContaining({ symbol: 'SPY', bars: [{ date: '2024-01-02', open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }] })]);
    const obj = await parseImportFile(textFile('x.json', '{"symbol":"QQQ","name":"Nasdaq 100","bars":[{"date":"2024-01-02","close":3,"volume":null}]}'));
    expect(obj.symbols.map((s) => [s.symbol, s.name, s.bars])).toEqual([['QQQ', 'Nasdaq 100', [{ date: '2024-01-02', open: 3, high: 3, low: 3, close: 3, volume: NaN }]]]);
  });

  it('reports bad JSON with the bar position and field', async () => {
    expect(issues(await parseImportFile(textFile('b.json', '{"bars": [1, 2')))[0][2]).toMatch(/^not valid JSON: /);
    expect(issues(await parseImportFile(textFile('b.json', '{"prices": []}')))).toEqual([[undefined, undefined, 'unrecognised JSON: expected an array of bars, {symbol, bars: [...]}, or a Quant Lens export {series: [...]}']]);
    const r = await parseImportFile(textFile('b.json', '{"series":[{"symbol":"A","bars":[{"date":"2024-01-02","close":1},{"date":"2024-01-03","close":"x"},7]}]}'));
    expect(issues(r)).toEqual([
      [3, undefined, 'series[0].expected a bar object, got 7'],
      [2, 'series[0].close', 'not a number: "x"'],
    ]);
  });
});

describe('parseImportFile: long files', () => {
  // Four symbols of 30,000 days from 1901 (120,000 rows, every date within the accepted 1900..tomorrow).
  const rows = (n: number) => ['Symbol,Date,Close', ...Array.from({ length: n }, (_, i) => `S${i % 4},${isoFromDayNumber(-25_000 + Math.floor(i / 4))},${100 + (i % 7)}`)].join('\n');

  it('reports row progress and stops promptly when cancelled', async () => {
    const file = textFile('LONG.csv', rows(120_000));
    const events: ProgressEvent[] = [];
    const done = await parseImportFile(file, {}, { onProgress: (e) => events.push(e) });
    expect(done.symbols.map((s) => s.bars.length)).toEqual([30_000, 30_000, 30_000, 30_000]);
    const progress = events.filter((e) => e.status === 'progress');
    expect(progress[0]).toEqual({ status: 'progress', done: 0, total: 120_000, unit: 'rows' });
    expect(progress.length).toBe(Math.ceil(120_000 / 4096));
    // Cancelled while reading rows (from the progress callback, as the worker's cancel would).
    const controller = new AbortController();
    const seen: number[] = [];
    const cancelled = parseImportFile(file, {}, {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.status !== 'progress') return;
        seen.push(e.done);
        if (e.done >= 8192) controller.abort();
      },
    });
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toEqual([0, 4096, 8192]);
  });
});

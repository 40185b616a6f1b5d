/**
 * Bars stored one record per symbol and calendar year (bar-chunks.ts): the migration of a version-4 database
 * (one record per bar), and that every write rewrites exactly the year chunks it touches, all or nothing.
 */
import 'fake-indexeddb/auto';
import { deleteDB, openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barsToSeries, type Bar } from '../../../src/core/data/types';
import { deleteSymbol, getSymbol, importBatch, loadBars, loadSeries, StorageFullError } from '../../../src/store/bars';
import { openQuantDb, type QuantDb } from '../../../src/store/db';
import { writeSymbols } from '../../../src/store/symbol-write';
import { countStoredData } from '../../../src/ui/settings/storage';
import { useFreshDb } from './fresh-db';
import { openReleased } from './released-schema';
import { quotaError, watchPuts } from './watch-puts';

const bar = (date: string, close: number, adjClose?: number): Bar => ({ date, open: close - 0.5, high: close + 1, low: close - 1, close, volume: 1000 + close, ...(adjClose === undefined ? {} : { adjClose }) });

/** The [symbol, year, dates] of every stored chunk, in key order. */
async function chunkKeys(db: QuantDb): Promise<[string, string, string[]][]> {
  return (await db.getAll('barChunks')).map((c) => [c.symbol, c.year, c.dates]);
}

/** The [symbol, year] of every chunk put while `run` runs (puts of other stores are left out). */
async function chunkPuts(run: () => Promise<unknown>): Promise<string[]> {
  const puts: string[] = [];
  await watchPuts((value) => {
    const { symbol, year } = value as { symbol: string; year?: string };
    if (year) puts.push(`${symbol}/${year}`);
  }, run);
  return puts;
}

/** Refuses the `nth` put of `run` with a quota error (the 2023 chunk is put, the 2024 chunk is refused when 2). */
const refusingPut = (nth: number, run: () => Promise<unknown>) => watchPuts((_value, n) => {
  if (n === nth) throw quotaError();
}, run);

describe('migration from version 4 (one record per bar)', () => {
  const name = `ql-chunk-migration-${process.pid}`;
  afterEach(() => deleteDB(name));

  it('moves every bar into year chunks, keeps adjClose exactly where it was, and deletes the bars store', async () => {
    // SPAN crosses a year boundary and has an adjusted close on some bars only; FLAT has none at all.
    const span = [bar('2019-12-30', 10, 9.5), bar('2019-12-31', 11), bar('2020-01-02', 12, 11.4), bar('2020-01-03', 13, 12.35), bar('2021-01-04', 14, 13.3)];
    const flat = [bar('2024-01-02', 50), bar('2024-01-03', 51)];
    const v4 = await openReleased(name, 4);
    const row = (symbol: string, bars: Bar[]) => ({ symbol, source: 'x.csv', firstDate: bars[0].date, lastDate: bars.at(-1)!.date, barCount: bars.length, lastClose: bars.at(-1)!.close, importedAt: '2024-02-01T00:00:00.000Z' });
    await v4.put('symbols', row('SPAN', span));
    await v4.put('symbols', row('FLAT', flat));
    // Put out of date order: the store's key orders them.
    for (const b of [...span].reverse()) await v4.put('bars', { ...b, symbol: 'SPAN' });
    for (const b of flat) await v4.put('bars', { ...b, symbol: 'FLAT' });
    v4.close();

    const db = await openQuantDb(name);
    try {
      expect(db.version).toBe(5);
      expect([...db.objectStoreNames]).not.toContain('bars');
      expect(await chunkKeys(db)).toEqual([
        ['FLAT', '2024', ['2024-01-02', '2024-01-03']],
        ['SPAN', '2019', ['2019-12-30', '2019-12-31']],
        ['SPAN', '2020', ['2020-01-02', '2020-01-03']],
        ['SPAN', '2021', ['2021-01-04']],
      ]);
      // What version 4 returned: its records in key order, without the symbol.
      expect(await loadSeries(db, 'SPAN')).toEqual(barsToSeries('SPAN', span));
      expect(await loadSeries(db, 'FLAT')).toEqual(barsToSeries('FLAT', flat));
      // Bar by bar, an absent adjClose stays absent (not undefined, not NaN) and a present one is kept.
      expect(await loadBars(db, 'SPAN')).toStrictEqual(span);
      expect(await loadBars(db, 'FLAT')).toStrictEqual(flat);
      const [flatChunk] = await db.getAll('barChunks');
      expect(flatChunk.adjClose).toBeUndefined();
      expect([...flatChunk.close]).toEqual([50, 51]);
      expect((await getSymbol(db, 'SPAN'))?.barCount).toBe(5);
    } finally {
      db.close();
    }
  });

  it('leaves a version-4 database as it was when the browser refuses to store the chunks (quota)', async () => {
    const v4 = await openReleased(name, 4);
    for (const b of [bar('2023-12-29', 49), bar('2024-01-02', 50)]) await v4.put('bars', { ...b, symbol: 'AAA' });
    v4.close();
    await expect(refusingPut(2, () => openQuantDb(name))).rejects.toThrow();
    const after = await openDB(name);
    try {
      expect(after.version).toBe(4);
      expect([...after.objectStoreNames]).toContain('bars');
      expect([...after.objectStoreNames]).not.toContain('barChunks');
      expect(await after.count('bars')).toBe(2);
    } finally {
      after.close();
    }
  });
});

describe('writes by year chunk', () => {
  const currentDb = useFreshDb('bar-chunks');
  let db: QuantDb;
  beforeEach(() => {
    db = currentDb();
  });
  const history = [bar('2023-12-27', 1), bar('2023-12-28', 2), bar('2023-12-29', 3), bar('2024-01-02', 4), bar('2024-01-03', 5)];

  it('a write across a year boundary stores one chunk per year and reads back the same bars', async () => {
    const puts = await chunkPuts(() => importBatch(db, [{ symbol: 'AAA', source: 'a.csv', bars: history }], { merge: 'replace' }));
    expect(puts).toEqual(['AAA/2023', 'AAA/2024']);
    expect(await chunkKeys(db)).toEqual([
      ['AAA', '2023', ['2023-12-27', '2023-12-28', '2023-12-29']],
      ['AAA', '2024', ['2024-01-02', '2024-01-03']],
    ]);
    expect(await loadBars(db, 'AAA')).toStrictEqual(history);
  });

  it('a merge that only adds and changes bars of the last year rewrites only that year', async () => {
    await importBatch(db, [{ symbol: 'AAA', source: 'a.csv', bars: history }], { merge: 'replace' });
    const refresh = [bar('2024-01-03', 5.5), bar('2024-01-04', 6, 5.9)];
    const puts = await chunkPuts(() => importBatch(db, [{ symbol: 'AAA', source: 'b.csv', bars: refresh }], { merge: 'replace' }));
    expect(puts).toEqual(['AAA/2024']);
    expect(await loadBars(db, 'AAA')).toStrictEqual([...history.slice(0, 4), ...refresh]);
    expect(await getSymbol(db, 'AAA')).toMatchObject({ firstDate: '2023-12-27', lastDate: '2024-01-04', barCount: 6, lastClose: 6 });
  });

  it('replacing the whole symbol deletes the years the new history lacks', async () => {
    await importBatch(db, [{ symbol: 'AAA', source: 'a.csv', bars: history }], { merge: 'replace' });
    const replacement = [bar('2024-01-02', 40), bar('2025-01-02', 50)];
    await importBatch(db, [{ symbol: 'AAA', source: 'c.csv', bars: replacement }], { merge: 'replace-symbol' });
    expect(await chunkKeys(db)).toEqual([['AAA', '2024', ['2024-01-02']], ['AAA', '2025', ['2025-01-02']]]);
    expect(await loadBars(db, 'AAA')).toStrictEqual(replacement);
  });

  it('decide sees the stored bars as Bar[] (adjClose only where stored), and writing nothing puts no chunk', async () => {
    const bars = [bar('2023-12-29', 3, 2.9), bar('2024-01-02', 4)];
    await importBatch(db, [{ symbol: 'AAA', source: 'a.csv', bars }], { merge: 'replace' });
    let seen: Bar[] = [];
    const puts = await chunkPuts(() => writeSymbols(db, [{ symbol: 'AAA' }], (_item, stored) => ((seen = stored), { result: stored.length })));
    expect(seen).toStrictEqual(bars);
    expect(puts).toEqual([]);
  });

  it('Settings > Storage counts bars, not chunk records', async () => {
    await importBatch(db, [{ symbol: 'AA', source: 'a.csv', bars: history }, { symbol: 'AAA', source: 'a.csv', bars: history.slice(1) }], { merge: 'replace' });
    expect(await db.count('barChunks')).toBe(4);
    expect(await countStoredData(db)).toMatchObject({ symbols: 2, bars: 9 });
  });

  it('deleting a symbol removes all its years and no other symbol', async () => {
    await importBatch(db, [{ symbol: 'AA', source: 'a.csv', bars: history }, { symbol: 'AAA', source: 'a.csv', bars: history }], { merge: 'replace' });
    await deleteSymbol(db, 'AA');
    expect((await chunkKeys(db)).map(([symbol, year]) => `${symbol}/${year}`)).toEqual(['AAA/2023', 'AAA/2024']);
    expect(await loadBars(db, 'AA')).toEqual([]);
  });

  it('a quota failure on a later year leaves every stored chunk and row as it was', async () => {
    await importBatch(db, [{ symbol: 'AAA', source: 'a.csv', bars: history }], { merge: 'replace' });
    const before = { bars: await loadBars(db, 'AAA'), row: await getSymbol(db, 'AAA') };
    const attempt = refusingPut(2, () => importBatch(db, [{ symbol: 'AAA', source: 'b.csv', bars: history.map((b) => bar(b.date, b.close * 10)) }], { merge: 'replace' }));
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
    expect(await loadBars(db, 'AAA')).toStrictEqual(before.bars);
    expect(await getSymbol(db, 'AAA')).toEqual(before.row);
  });
});

import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QuantDb } from '../../../src/store/db';
import { useFreshDb } from './fresh-db';
import { quotaError, watchPuts } from './watch-puts';
import { StorageFullError, deleteSymbol, importBatch, listSymbols, loadBars, loadSeries } from '../../../src/store/bars';
import type { Bar } from '../../../src/core/data/types';

const bar = (date: string, close: number, volume = 100): Bar => ({ date, open: close, high: close + 1, low: close - 1, close, volume });

const currentDb = useFreshDb('bars');
let db: QuantDb;
beforeEach(() => {
  db = currentDb();
});

describe('importBatch', () => {
  it('stores bars and symbol metadata', async () => {
    const out = await importBatch(db, [{ symbol: 'AAA', name: 'Triple A', source: 'a.csv', bars: [bar('2024-01-02', 10), bar('2024-01-03', 11)] }],
      { merge: 'replace', now: new Date('2024-02-01T00:00:00Z') });
    expect(out).toEqual([{ symbol: 'AAA', added: 2, replaced: 0, kept: 0, removed: 0, written: 2, barCount: 2 }]);
    expect(await listSymbols(db)).toEqual([{ symbol: 'AAA', name: 'Triple A', source: 'a.csv', firstDate: '2024-01-02', lastDate: '2024-01-03', barCount: 2, lastClose: 11, quality: undefined, importedAt: '2024-02-01T00:00:00.000Z' }]);
    const series = await loadSeries(db, 'AAA');
    expect(series.dates).toEqual(['2024-01-02', '2024-01-03']);
    expect([...series.close]).toEqual([10, 11]);
  });

  it('merges by date: replace lets the import win, keep-existing keeps stored bars', async () => {
    await importBatch(db, [{ symbol: 'AAA', source: 'a.csv', bars: [bar('2024-01-02', 10), bar('2024-01-03', 11)] }], { merge: 'replace' });
    const kept = await importBatch(db, [{ symbol: 'AAA', source: 'b.csv', bars: [bar('2024-01-03', 99), bar('2024-01-04', 12)] }], { merge: 'keep-existing' });
    expect(kept).toEqual([{ symbol: 'AAA', added: 1, replaced: 0, kept: 1, removed: 0, written: 1, barCount: 3 }]);
    expect((await loadBars(db, 'AAA')).map((b) => b.close)).toEqual([10, 11, 12]);
    const replaced = await importBatch(db, [{ symbol: 'AAA', source: 'c.csv', bars: [bar('2024-01-01', 9), bar('2024-01-03', 99)] }], { merge: 'replace' });
    expect(replaced).toEqual([{ symbol: 'AAA', added: 1, replaced: 1, kept: 0, removed: 0, written: 2, barCount: 4 }]);
    expect((await loadBars(db, 'AAA')).map((b) => [b.date, b.close])).toEqual([['2024-01-01', 9], ['2024-01-02', 10], ['2024-01-03', 99], ['2024-01-04', 12]]);
    const [info] = await listSymbols(db);
    expect([info.firstDate, info.lastDate, info.barCount, info.lastClose, info.source]).toEqual(['2024-01-01', '2024-01-04', 4, 12, 'c.csv']);
  });

  it('is all-or-nothing across symbols: a failing item leaves storage unchanged', async () => {
    await importBatch(db, [{ symbol: 'OLD', source: 'o.csv', bars: [bar('2024-01-02', 5)] }], { merge: 'replace' });
    const broken = { date: undefined, open: 1, high: 1, low: 1, close: 1, volume: 1 } as unknown as Bar; // invalid key
    await expect(importBatch(db, [
      { symbol: 'OLD', source: 'x.csv', bars: [bar('2024-01-02', 77), bar('2024-01-03', 78)] },
      { symbol: 'NEW', source: 'x.csv', bars: [bar('2024-01-02', 1), broken] },
    ], { merge: 'replace' })).rejects.toThrow();
    expect((await listSymbols(db)).map((s) => [s.symbol, s.barCount, s.source])).toEqual([['OLD', 1, 'o.csv']]);
    expect(await loadBars(db, 'OLD')).toEqual([bar('2024-01-02', 5)]);
    expect(await loadBars(db, 'NEW')).toEqual([]);
  });

  it('rejects an empty item without writing the others', async () => {
    await expect(importBatch(db, [
      { symbol: 'AAA', source: 'a.csv', bars: [bar('2024-01-02', 10)] },
      { symbol: 'BBB', source: 'b.csv', bars: [] },
    ], { merge: 'replace' })).rejects.toThrow('BBB: nothing to import');
    expect(await listSymbols(db)).toEqual([]);
  });

  it('records the quality summary computed on the merged history', async () => {
    await importBatch(db, [{ symbol: 'AAA', source: 'a.csv', bars: [bar('2024-01-02', 10)] }], { merge: 'replace' });
    const seen: number[] = [];
    await importBatch(db, [{ symbol: 'AAA', source: 'a.csv', bars: [bar('2024-01-03', 10)] }], {
      merge: 'replace',
      assess: (bars) => {
        seen.push(bars.length);
        return { level: 'good', frequency: 'daily', missingPeriods: 0, longGaps: 0, zeroVolumeBars: 0, suspiciousJumps: 0, duplicateDates: 0 };
      },
    });
    expect(seen).toEqual([2]);
    expect((await listSymbols(db))[0].quality?.level).toBe('good');
  });
});

describe('deleteSymbol', () => {
  it('removes the symbol and only its bars', async () => {
    await importBatch(db, [
      { symbol: 'AAA', source: 'a.csv', bars: [bar('2024-01-02', 10)] },
      { symbol: 'AAB', source: 'b.csv', bars: [bar('2024-01-02', 20)] },
    ], { merge: 'replace' });
    await deleteSymbol(db, 'AAA');
    expect((await listSymbols(db)).map((s) => s.symbol)).toEqual(['AAB']);
    expect(await loadBars(db, 'AAA')).toEqual([]);
    expect(await loadBars(db, 'AAB')).toEqual([bar('2024-01-02', 20)]);
  });
});

describe('quota errors', () => {
  it('are reported as StorageFullError and lose nothing already stored', async () => {
    await importBatch(db, [{ symbol: 'OLD', source: 'o.csv', bars: [bar('2024-01-02', 5)] }], { merge: 'replace' });
    // The browser raises QuotaExceededError from a write request when the origin is over quota: here the
    // third put, the chunk of NEW's third year (one record per symbol and year).
    const attempt = watchPuts((_value, n) => {
      if (n === 3) throw quotaError();
    }, () => importBatch(db, [{ symbol: 'NEW', source: 'n.csv', bars: [bar('2022-01-03', 1), bar('2023-01-03', 2), bar('2024-01-02', 3)] }], { merge: 'replace' }));
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
    await expect(attempt).rejects.toThrow('Storage is full: the browser refused to store this import (quota exceeded). Nothing was written');
    expect((await listSymbols(db)).map((s) => s.symbol)).toEqual(['OLD']);
    expect(await loadBars(db, 'NEW')).toEqual([]);
    expect(await loadBars(db, 'OLD')).toEqual([bar('2024-01-02', 5)]);
  });
});

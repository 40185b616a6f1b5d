/**
 * Both ways bars reach storage (a file import through `importBatch`, a provider fetch through
 * `writeFetchedSymbol`) write a symbol through the same read-check-write; these pin the stored rows
 * each path leaves, field by field, including when one path writes over the other's symbol.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/core/data/types';
import { getSymbol, importBatch, loadBars } from '../../../src/store/bars';
import type { FetchSource, QuantDb } from '../../../src/store/db';
import { writeFetchedSymbol } from '../../../src/store/fetched-symbols';
import { summariseQuality } from '../../../src/core/data/quality';
import { useFreshDb } from './fresh-db';

const bar = (date: string, close: number): Bar => ({ date, open: close, high: close + 1, low: close - 1, close, volume: 1000 });
const days = ['2024-12-16', '2024-12-17', '2024-12-18', '2024-12-19', '2024-12-20'];
const at = '2024-12-20T22:00:00.000Z';
const polygon: FetchSource = { provider: 'polygon', ticker: 'AAPL', adjustment: 'splits', fetchedAt: at, lastCheckedAt: at };
const fetched = (bars: Bar[], name?: string) => ({ symbol: 'AAPL', name, sourceLabel: 'Polygon', fetchSource: polygon, bars });

const currentDb = useFreshDb('symbol-write');
let db: QuantDb;
beforeEach(() => {
  db = currentDb();
});

describe('one write path for a symbol', () => {
  it('a fetch stores the computed row: dates, count, last close, quality, source and fetch source', async () => {
    const bars = days.map((d, i) => bar(d, 100 + i));
    await writeFetchedSymbol(db, fetched(bars, 'Apple Inc.'), 'fetch');
    expect(await getSymbol(db, 'AAPL')).toEqual({
      symbol: 'AAPL', name: 'Apple Inc.', source: 'Polygon', firstDate: '2024-12-16', lastDate: '2024-12-20', barCount: 5, lastClose: 104,
      quality: summariseQuality(bars), importedAt: at, fetchSource: polygon,
    });
  });

  it('a file merged into a fetched symbol keeps its name and fetch source; the computed fields follow the merged bars', async () => {
    const bars = days.map((d, i) => bar(d, 100 + i));
    await writeFetchedSymbol(db, fetched(bars, 'Apple Inc.'), 'fetch');
    const out = await importBatch(db, [{ symbol: 'AAPL', source: 'extra.csv', bars: [bar('2024-12-20', 99), bar('2024-12-23', 105)] }],
      { merge: 'replace', assess: summariseQuality, now: new Date('2025-01-01T00:00:00Z') });
    expect(out).toEqual([{ symbol: 'AAPL', added: 1, replaced: 1, kept: 0, removed: 0, written: 2, barCount: 6 }]);
    const merged = [...bars.slice(0, 4), bar('2024-12-20', 99), bar('2024-12-23', 105)];
    expect(await loadBars(db, 'AAPL')).toEqual(merged);
    expect(await getSymbol(db, 'AAPL')).toEqual({
      symbol: 'AAPL', name: 'Apple Inc.', source: 'extra.csv', firstDate: '2024-12-16', lastDate: '2024-12-23', barCount: 6, lastClose: 105,
      quality: summariseQuality(merged), importedAt: '2025-01-01T00:00:00.000Z', fetchSource: polygon,
    });
  });

  it('replacing the whole symbol from a file drops the fetched row\'s name and fetch source', async () => {
    await writeFetchedSymbol(db, fetched(days.map((d, i) => bar(d, 100 + i)), 'Apple Inc.'), 'fetch');
    await importBatch(db, [{ symbol: 'AAPL', source: 'mine.csv', bars: [bar('2024-12-23', 7)] }], { merge: 'replace-symbol', now: new Date('2025-01-01T00:00:00Z') });
    const row = await getSymbol(db, 'AAPL');
    expect(row).toEqual({ symbol: 'AAPL', source: 'mine.csv', firstDate: '2024-12-23', lastDate: '2024-12-23', barCount: 1, lastClose: 7, importedAt: '2025-01-01T00:00:00.000Z' });
    expect(row && 'name' in row).toBe(false);
  });

  it('a fetch over a file keeps the file\'s name when the provider gives none, and replaces the bars whole', async () => {
    await importBatch(db, [{ symbol: 'AAPL', name: 'Apple (mine)', source: 'mine.csv', bars: [bar('2010-01-01', 30), bar('2010-02-01', 31)], meta: { importedAt: 'x' } }], { merge: 'replace' });
    const bars = days.map((d, i) => bar(d, 100 + i));
    await writeFetchedSymbol(db, fetched(bars), 'fetch');
    expect(await loadBars(db, 'AAPL')).toEqual(bars);
    expect(await getSymbol(db, 'AAPL')).toEqual({
      symbol: 'AAPL', name: 'Apple (mine)', source: 'Polygon', firstDate: '2024-12-16', lastDate: '2024-12-20', barCount: 5, lastClose: 104,
      quality: summariseQuality(bars), importedAt: at, fetchSource: polygon,
    });
  });
});

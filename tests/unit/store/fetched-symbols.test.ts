import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/core/data/types';
import { getSymbol, importBatch, loadBars } from '../../../src/store/bars';
import type { FetchSource, QuantDb } from '../../../src/store/db';
import { dueForRefresh, markSymbolChecked, writeFetchedSymbol, type FetchedItem } from '../../../src/store/fetched-symbols';
import { useFreshDb } from './fresh-db';

const bar = (date: string, close: number, adjClose?: number): Bar => ({ date, open: close, high: close + 1, low: close - 1, close, volume: 1000, ...(adjClose === undefined ? {} : { adjClose }) });
const source = (at: string, provider: FetchSource['provider'] = 'polygon'): FetchSource => ({ provider, ticker: 'AAPL', adjustment: 'splits', fetchedAt: at, lastCheckedAt: at });
const item = (bars: Bar[], at = '2024-12-20T22:00:00.000Z', provider: FetchSource['provider'] = 'polygon'): FetchedItem =>
  ({ symbol: 'AAPL', sourceLabel: 'Polygon', fetchSource: source(at, provider), bars });

const history = [bar('2024-12-16', 100), bar('2024-12-17', 101), bar('2024-12-18', 102), bar('2024-12-19', 103), bar('2024-12-20', 104)];

const currentDb = useFreshDb('fetched');
let db: QuantDb;
beforeEach(() => {
  db = currentDb();
});

describe('writeFetchedSymbol', () => {
  it('stores a new symbol with its source, so it can be refreshed', async () => {
    const out = await writeFetchedSymbol(db, item(history), 'fetch');
    expect(out).toEqual({ status: 'written', added: 5, replaced: 0, barCount: 5, firstDate: '2024-12-16', lastDate: '2024-12-20' });
    const info = await getSymbol(db, 'AAPL');
    expect(info?.fetchSource).toEqual(source('2024-12-20T22:00:00.000Z'));
    expect([info?.source, info?.lastClose, info?.quality?.level]).toEqual(['Polygon', 104, 'good']);
  });

  it('refresh: a matching overlap appends the new bars and replaces the overlap (the last stored bar may have been partial)', async () => {
    await writeFetchedSymbol(db, item(history), 'fetch');
    const fetched = [bar('2024-12-18', 102), bar('2024-12-19', 103), bar('2024-12-20', 104.5), bar('2024-12-23', 105), bar('2024-12-24', 106)];
    const out = await writeFetchedSymbol(db, item(fetched, '2024-12-24T22:00:00.000Z'), 'refresh');
    expect(out).toEqual({ status: 'written', added: 2, replaced: 3, barCount: 7, firstDate: '2024-12-16', lastDate: '2024-12-24' });
    expect((await loadBars(db, 'AAPL')).map((b) => b.close)).toEqual([100, 101, 102, 103, 104.5, 105, 106]);
    expect((await getSymbol(db, 'AAPL'))?.fetchSource?.fetchedAt).toBe('2024-12-24T22:00:00.000Z');
  });

  it('refresh: a re-adjusted overlap (2:1 split) writes nothing and says where it disagrees', async () => {
    await writeFetchedSymbol(db, item(history), 'fetch');
    const before = await loadBars(db, 'AAPL');
    const infoBefore = await getSymbol(db, 'AAPL');
    const split = [bar('2024-12-18', 51), bar('2024-12-19', 51.5), bar('2024-12-20', 52), bar('2024-12-23', 53)];
    const out = await writeFetchedSymbol(db, item(split, '2024-12-24T22:00:00.000Z'), 'refresh');
    expect(out).toEqual({ status: 'readjusted', check: { agrees: false, date: '2024-12-18', field: 'close', stored: 102, fetched: 51 } });
    expect(await loadBars(db, 'AAPL')).toEqual(before);
    expect(await getSymbol(db, 'AAPL')).toEqual(infoBefore);
    // The caller then replaces the whole history.
    const full = history.map((b) => bar(b.date, b.close / 2)).concat(bar('2024-12-23', 53));
    const replaced = await writeFetchedSymbol(db, item(full, '2024-12-24T22:00:00.000Z'), 'replace');
    expect(replaced).toEqual({ status: 'written', added: 1, replaced: 5, barCount: 6, firstDate: '2024-12-16', lastDate: '2024-12-23' });
    expect((await loadBars(db, 'AAPL')).map((b) => b.close)).toEqual([50, 50.5, 51, 51.5, 52, 53]);
  });

  it('fetch over a symbol from another source (a monthly file) replaces it whole and says what it replaced', async () => {
    await importBatch(db, [{ symbol: 'AAPL', source: 'stocks.csv', bars: [bar('2010-01-01', 30), bar('2010-02-01', 31), bar('2024-12-16', 7)] }], { merge: 'replace' });
    const out = await writeFetchedSymbol(db, item(history), 'fetch');
    expect(out).toEqual({ status: 'written', added: 4, replaced: 1, barCount: 5, firstDate: '2024-12-16', lastDate: '2024-12-20', replacedSource: { source: 'stocks.csv', barCount: 3 } });
    expect((await loadBars(db, 'AAPL')).map((b) => b.date)).toEqual(history.map((b) => b.date));
  });

  it('fetch from the same provider and ticker merges (an earlier range adds to the history)', async () => {
    await writeFetchedSymbol(db, item(history.slice(2)), 'fetch');
    const out = await writeFetchedSymbol(db, item(history.slice(0, 3)), 'fetch');
    expect(out).toEqual({ status: 'written', added: 2, replaced: 1, barCount: 5, firstDate: '2024-12-16', lastDate: '2024-12-20' });
  });

  it('a failing write changes nothing (one transaction)', async () => {
    await writeFetchedSymbol(db, item(history), 'fetch');
    const before = await loadBars(db, 'AAPL');
    const bad = [bar('2024-12-23', 105), { ...bar('2024-12-24', 106), date: undefined as unknown as string }];
    await expect(writeFetchedSymbol(db, item(bad), 'replace')).rejects.toThrow();
    expect(await loadBars(db, 'AAPL')).toEqual(before);
    expect((await getSymbol(db, 'AAPL'))?.lastDate).toBe('2024-12-20');
  });

  it('markSymbolChecked records the check time only', async () => {
    await writeFetchedSymbol(db, item(history), 'fetch');
    await markSymbolChecked(db, 'AAPL', '2024-12-21T10:00:00.000Z');
    expect((await getSymbol(db, 'AAPL'))?.fetchSource).toEqual({ ...source('2024-12-20T22:00:00.000Z'), lastCheckedAt: '2024-12-21T10:00:00.000Z' });
  });
});

describe('dueForRefresh', () => {
  const info = (symbol: string, lastDate: string, fetchSource?: FetchSource) =>
    ({ symbol, source: 'x', firstDate: '2024-01-02', lastDate, barCount: 1, lastClose: 1, importedAt: '2024-01-01T00:00:00Z', fetchSource });
  // Monday 2024-12-30, 18:00 New York: the latest closed session is 2024-12-30.
  const now = new Date('2024-12-30T23:00:00Z');

  it('picks provider symbols that are behind and were not checked in the last hour', () => {
    const due = [
      info('BEHIND', '2024-12-27', source('2024-12-28T10:00:00Z')),
      info('CURRENT', '2024-12-30', source('2024-12-28T10:00:00Z')),
      info('JUST-CHECKED', '2024-12-27', { ...source('2024-12-28T10:00:00Z'), lastCheckedAt: '2024-12-30T22:30:00Z' }),
      info('FEED', '2024-12-27', source('2024-12-28T10:00:00Z', 'feed')),
      info('FILE', '2024-12-27'),
    ];
    expect(dueForRefresh(due, now)).toEqual(['BEHIND']);
  });
});

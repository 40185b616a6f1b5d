/**
 * The site feed reader of the compute worker (workers/compute/feed.ts) in Node: a local static server holds
 * `data/manifest.json` and the symbols' quant-lens/bars files, IndexedDB is fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { tradingDays } from '../../../src/core/data/calendar';
import { exportJson } from '../../../src/core/data/export';
import type { Bar } from '../../../src/core/data/types';
import { getSymbol, importBatch, loadBars } from '../../../src/store/bars';
import { DEFAULT_DB_NAME, getQuantDb } from '../../../src/store/db';
import { loadSiteFeed, planSiteFeed } from '../../../workers/compute/feed';
import { staticSite } from './static-site';

const site = staticSite();
const files = site.files;
afterEach(async () => {
  await deleteDB(DEFAULT_DB_NAME);
});

const days = tradingDays('2024-01-02', '2024-02-29');
const history = (count: number, factor = 1): Bar[] => days.slice(0, count).map((date, i) => ({ date, open: 10 * factor, high: 20 * factor, low: 9 * factor, close: (10 + i / 10) * factor, volume: 1000 }));

function publish(series: Record<string, Bar[]>): void {
  const entries = Object.entries(series).map(([symbol, bars]) => {
    files.set(`/site/data/${symbol}.json`, exportJson([{ symbol, bars }]));
    return { symbol, file: `${symbol}.json`, source: 'yahoo', adjustment: 'splits', firstDate: bars[0].date, lastDate: bars.at(-1)!.date, bars: bars.length, fetchedAt: '2024-03-01T22:00:00Z' };
  });
  files.set('/site/data/manifest.json', JSON.stringify({ format: 'quant-lens/feed', version: 1, generatedAt: '2024-03-01T22:00:00Z', entries }));
}

const step = () => ({ signal: new AbortController().signal, done: 0, total: 0 });

describe('site feed', () => {
  it('is quietly absent when the site publishes no manifest (404)', async () => {
    expect(await loadSiteFeed(await getQuantDb(), site.manifestUrl(), step())).toEqual({ status: 'absent', note: 'this site publishes no data feed (data/manifest.json not found)' });
  });

  it('refuses a malformed manifest, naming the field, and imports nothing', async () => {
    publish({ NEW: history(20) });
    files.set('/site/data/manifest.json', files.get('/site/data/manifest.json')!.replace('"bars":20', '"bars":-1'));
    await expect(loadSiteFeed(await getQuantDb(), site.manifestUrl(), step())).rejects.toThrow(/^data\/manifest\.json is malformed, nothing was imported: manifest\.entries\[0\]\.bars: /);
    expect(await getSymbol(await getQuantDb(), 'NEW')).toBeUndefined();
  });

  it('imports new symbols, updates feed symbols from the overlap, replaces a re-adjusted one, and leaves your own copy alone', async () => {
    const db = await getQuantDb();
    publish({ OLD: history(20), ADJ: history(20) });
    await loadSiteFeed(db, site.manifestUrl(), step());
    await importBatch(db, [{ symbol: 'OWN', source: 'own.csv', bars: history(5) }], { merge: 'replace' });

    publish({ NEW: history(30), OLD: history(25), ADJ: history(25, 0.5), OWN: history(30) });
    const signal = new AbortController().signal;
    expect(await planSiteFeed(db, site.manifestUrl(), signal)).toEqual({ status: 'listed', listed: ['NEW', 'OLD', 'ADJ', 'OWN'], toLoad: ['NEW', 'OLD', 'ADJ'], kept: ['OWN'] });
    const outcome = await loadSiteFeed(db, site.manifestUrl(), step());
    expect(outcome.status === 'loaded' && outcome.listed).toEqual(['NEW', 'OLD', 'ADJ', 'OWN']);
    const results = outcome.status === 'loaded' ? outcome.results : [];
    expect(results.map((r) => [r.symbol, r.status, r.added, r.barCount])).toEqual([
      ['NEW', 'added', 30, 30],
      ['OLD', 'updated', 5, 25],
      ['ADJ', 'replaced', 5, 25],
      ['OWN', 'skipped', 0, undefined],
    ]);
    expect(results[2].message).toBe('history re-adjusted by the provider (split or dividend since the last fetch); replaced 25 bars, 2024-01-02 to 2024-02-06');
    expect(results[3].message).toBe('kept your own copy (own.csv); the site feed also publishes OWN');
    expect((await loadBars(db, 'ADJ')).map((b) => b.close)).toEqual(history(25, 0.5).map((b) => b.close));
    expect((await loadBars(db, 'OWN')).length).toBe(5);
    expect((await getSymbol(db, 'OLD'))?.fetchSource).toMatchObject({ provider: 'feed', ticker: 'OLD', fetchedAt: '2024-03-01T22:00:00Z' });

    // Nothing newer: nothing to load, nothing to say.
    expect(await planSiteFeed(db, site.manifestUrl(), signal)).toEqual({ status: 'listed', listed: ['NEW', 'OLD', 'ADJ', 'OWN'], toLoad: [], kept: ['OWN'] });
    const again = await loadSiteFeed(db, site.manifestUrl(), step());
    expect(again.status === 'loaded' && again.results.map((r) => r.status)).toEqual(['skipped']);
  });
});

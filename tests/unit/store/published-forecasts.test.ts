/**
 * The site's published forecasts in the app (workers/compute/feed.ts, src/store/published-forecasts.ts) in Node:
 * forecasts.json files made by the real CLI (`forecast` with the tiny Chronos-Bolt checkpoint), served by a local
 * static server next to a manifest; IndexedDB is fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deleteDB } from 'idb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as forecast } from '../../../src/cli/forecast';
import { DEFAULT_DB_NAME, getQuantDb } from '../../../src/store/db';
import { getPublishedForecast, listPublishedForecasts } from '../../../src/store/published-forecasts';
import { getRecord, putRecord } from '../../../src/store/records';
import { loadPublishedForecasts } from '../../../workers/compute/feed';
import { randomWalk } from '../backtest/helpers';
import { writeFeedDir } from '../cli/feed-dir';
import { staticSite } from './static-site';

const bolt = resolve(import.meta.dirname, '../../fixtures/chronos-bolt');
const dir = mkdtempSync(join(tmpdir(), 'ql-published-'));

/** `forecast.json` of the CLI for the given series (each written as a feed directory first). */
async function cliForecasts(name: string, universe: ReturnType<typeof randomWalk>[]): Promise<string> {
  const feed = join(dir, name);
  writeFeedDir(feed, universe);
  const out = join(feed, 'forecasts.json');
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await forecast([...universe.flatMap((s) => ['--csv', join(feed, `${s.symbol}.json`)]), '--model', bolt, '--horizon', '5', '--no-cache', '--out', out]);
  } finally {
    spy.mockRestore();
  }
  return readFileSync(out, 'utf8');
}

const site = staticSite();
const files = site.files;
let monday: string;
let tuesday: string;
beforeAll(async () => {
  // Tuesday's run has one bar more, and no longer publishes MSFT.
  monday = await cliForecasts('monday', [randomWalk('SPY', 200, 3), randomWalk('AAPL', 200, 5), randomWalk('MSFT', 200, 7)]);
  tuesday = await cliForecasts('tuesday', [randomWalk('SPY', 201, 3), randomWalk('AAPL', 201, 5)]);
});
afterEach(async () => {
  await deleteDB(DEFAULT_DB_NAME);
});

const load = async () => loadPublishedForecasts(await getQuantDb(), site.manifestUrl(), new AbortController().signal);
const publish = (text: string) => files.set('/site/data/forecasts.json', text);

describe('published forecasts in the app', () => {
  it('a site without data/forecasts.json is normal: nothing is stored', async () => {
    expect(await load()).toEqual({ status: 'absent' });
    expect(await listPublishedForecasts(await getQuantDb())).toEqual([]);
  });

  it('stores each symbol\'s forecast marked published, next to the other saved forecasts, and says when nothing changed', async () => {
    const db = await getQuantDb();
    await putRecord(db, 'forecasts', { id: 'saved-1', symbol: 'SPY', note: 'a forecast the user saved' });
    publish(monday);
    const first = await load();
    expect(first).toEqual({ status: 'loaded', model: 'Chronos-Bolt (2 layers, d_model 64)', symbols: ['SPY', 'AAPL', 'MSFT'], changed: true });
    const raw = JSON.parse(monday);
    const spy = await getPublishedForecast(db, 'SPY');
    expect(spy).toMatchObject({ id: 'published:SPY', source: 'published', symbol: 'SPY', lastDate: raw.forecasts[0].lastDate, lastClose: raw.forecasts[0].lastClose });
    expect(spy!.model.identity).toBe(raw.model.identity);
    expect(Array.from(spy!.forecast.median)).toEqual(raw.forecasts[0].median);
    expect(spy!.forecast.expectedReturn).toBe(raw.forecasts[0].expectedReturn);
    expect(await getRecord(db, 'forecasts', 'saved-1')).toEqual({ id: 'saved-1', symbol: 'SPY', note: 'a forecast the user saved' });
    expect(await load()).toMatchObject({ status: 'loaded', changed: false });
  });

  it('a newer run replaces the whole set: forecasts updated, a symbol no longer published removed', async () => {
    const db = await getQuantDb();
    publish(monday);
    await load();
    publish(tuesday);
    expect(await load()).toMatchObject({ symbols: ['SPY', 'AAPL'], changed: true });
    const stored = await listPublishedForecasts(db);
    expect(stored.map((f) => f.symbol).sort()).toEqual(['AAPL', 'SPY']);
    expect(stored.find((f) => f.symbol === 'SPY')!.lastDate).toBe(JSON.parse(tuesday).forecasts[0].lastDate);
    expect(stored.find((f) => f.symbol === 'SPY')!.lastDate > JSON.parse(monday).forecasts[0].lastDate).toBe(true);
    expect(await getPublishedForecast(db, 'MSFT')).toBeUndefined();
  });

  it('refuses a malformed file with the field and the reason, and keeps the stored forecasts as they were', async () => {
    const db = await getQuantDb();
    publish(monday);
    await load();
    const before = await listPublishedForecasts(db);
    const edited = JSON.parse(tuesday);
    edited.forecasts[1].quantiles[0] = edited.forecasts[1].quantiles[0].slice(0, 3);
    publish(JSON.stringify(edited));
    await expect(load()).rejects.toThrow('data/forecasts.json is malformed, the published forecasts were not changed: forecasts.json.forecasts[1].quantiles[0]: expected 5 values (the horizon), got 3');
    expect(await listPublishedForecasts(db)).toEqual(before);
    files.set('/site/data/forecasts.json', '<html>not here</html>');
    await expect(load()).rejects.toThrow(/forecasts\.json: not valid JSON/);
    expect(await listPublishedForecasts(db)).toEqual(before);
  });
});

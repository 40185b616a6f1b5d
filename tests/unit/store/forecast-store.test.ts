import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { createBaselines } from '../../../src/core/forecast/baselines';
import { storedForecaster } from '../../../src/core/forecast/forecast-store';
import { forecastKey } from '../../../src/core/forecast/store-key';
import { listSymbols } from '../../../src/store/bars';
import { QUANT_DB_VERSION, openQuantDb, type QuantDb } from '../../../src/store/db';
import { clearStoredForecasts, countStoredForecasts, IndexedDbForecastStore } from '../../../src/store/forecast-store';
import { getRecord } from '../../../src/store/records';
import { openReleased } from './released-schema';

const name = `ql-forecast-store-${process.pid}`;
const open: QuantDb[] = [];
async function connect(): Promise<QuantDb> {
  const db = await openQuantDb(name);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) db.close();
  await deleteDB(name);
});

const closes = Float64Array.from({ length: 200 }, (_, i) => 50 + Math.cos(i / 9) * 5 + i / 20);
const requests = [120, 160, 200].map((end) => ({ target: closes.subarray(end - 100, end), origin: { symbol: 'AAA', date: `day-${end}` } }));
const key = (i: number) => forecastKey('m@1', requests[i], 5);
const stored = (v: number) => ({ levels: [0.1, 0.5, 0.9], horizon: 1, quantiles: Float64Array.of(v - 1, v, v + 1) });

describe('forecast store in IndexedDB', () => {
  it('upgrades a version-2 database with data in it, keeping everything, and adds the store', async () => {
    const v2 = await openReleased(name, 2);
    await v2.put('symbols', { symbol: 'OLD', source: 'old.csv', firstDate: '2020-01-02', lastDate: '2020-01-03', barCount: 2, lastClose: 11, importedAt: '2020-02-01T00:00:00.000Z' });
    await v2.put('backtestRuns', { id: 'run-1', name: 'kept' });
    v2.close();
    const db = await connect();
    expect(db.version).toBe(QUANT_DB_VERSION);
    expect((await listSymbols(db)).map((s) => s.symbol)).toEqual(['OLD']);
    expect(await getRecord(db, 'backtestRuns', 'run-1')).toEqual({ id: 'run-1', name: 'kept' });
    const store = new IndexedDbForecastStore(db);
    await store.putMany([{ key: key(0), forecast: stored(10) }]);
    expect(await store.getMany([key(0), key(1)])).toEqual([stored(10), undefined]);
  });

  it('survives a reload and answers a second identical run with 0 computed forecasts', async () => {
    const drift = createBaselines().find((f) => f.info.id === 'baseline:drift')!;
    const first = storedForecaster(drift, 'baseline:drift@builtin', new IndexedDbForecastStore(await connect()));
    const a = await first.forecast(requests, { horizon: 5 });
    expect(first.tally).toEqual({ computed: 3, reused: 0 });
    open.splice(0).forEach((db) => db.close()); // "reload": a new connection
    const second = storedForecaster(drift, 'baseline:drift@builtin', new IndexedDbForecastStore(await connect()));
    const b = await second.forecast(requests, { horizon: 5 });
    expect(second.tally).toEqual({ computed: 0, reused: 3 });
    expect(b).toEqual(a);
  });

  it('keeps at most maxEntries, dropping the least recently used; clearing empties it', async () => {
    const db = await connect();
    let clock = 0;
    const store = new IndexedDbForecastStore(db, 2, () => ++clock);
    await store.putMany([{ key: key(0), forecast: stored(1) }]); // used at 1
    await store.putMany([{ key: key(1), forecast: stored(2) }]); // used at 2
    await store.getMany([key(0)]); // key 0 used again at 3: key 1 is now the least recently used
    await store.putMany([{ key: key(2), forecast: stored(3) }]);
    expect(await countStoredForecasts(db)).toBe(2);
    expect((await store.getMany([key(0), key(1), key(2)])).map((f) => f?.quantiles[1])).toEqual([1, undefined, 3]);
    await clearStoredForecasts(db);
    expect(await countStoredForecasts(db)).toBe(0);
  });
});

import 'fake-indexeddb/auto';
import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { QUANT_DB_VERSION, openQuantDb, type QuantDb } from '../../../src/store/db';
import { listSymbols, loadBars } from '../../../src/store/bars';
import { getRecord, listRecordsBy, putRecord } from '../../../src/store/records';
import { getSetting } from '../../../src/store/settings';
import { listModelFiles, putModelFile, deleteModelFiles } from '../../../src/store/modelFiles';

let counter = 0;
const names: string[] = [];
function freshName(): string {
  const name = `ql-test-db-${process.pid}-${counter++}`;
  names.push(name);
  return name;
}
const open: QuantDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) db.close();
  for (const name of names.splice(0)) await deleteDB(name);
});

describe('openQuantDb', () => {
  it('creates every store and index at the current version', async () => {
    const db = await openQuantDb(freshName());
    open.push(db);
    expect(db.version).toBe(QUANT_DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(
      ['backtestRuns', 'barChunks', 'experiments', 'forecastStore', 'forecasts', 'mlModels', 'modelFiles', 'portfolioTrades', 'portfolios', 'settings', 'strategyFiles', 'symbols'],
    );
    const tx = db.transaction(['barChunks', 'forecasts', 'portfolioTrades', 'modelFiles']);
    expect([...tx.objectStore('barChunks').indexNames]).toEqual([]);
    expect([...tx.objectStore('forecasts').indexNames]).toEqual(['bySymbol']);
    expect([...tx.objectStore('portfolioTrades').indexNames]).toEqual(['byPortfolio']);
    expect([...tx.objectStore('modelFiles').indexNames]).toEqual(['byModel']);
    await tx.done;
  });

  it('upgrades a version-1 database with data in it without losing anything', async () => {
    const name = freshName();
    // Version 1 as the first release wrote it, with raw idb (not the current code).
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('symbols', { keyPath: 'symbol' });
        db.createObjectStore('bars', { keyPath: ['symbol', 'date'] }).createIndex('bySymbol', 'symbol');
        db.createObjectStore('settings');
      },
    });
    await v1.put('symbols', { symbol: 'OLD', source: 'old.csv', firstDate: '2020-01-02', lastDate: '2020-01-03', barCount: 2, lastClose: 11, importedAt: '2020-02-01T00:00:00.000Z' });
    await v1.put('bars', { symbol: 'OLD', date: '2020-01-03', open: 10, high: 12, low: 9, close: 11, volume: 500 });
    await v1.put('bars', { symbol: 'OLD', date: '2020-01-02', open: 9, high: 10.5, low: 8.5, close: 10, volume: 400 });
    await v1.put('settings', { theme: 'dark' }, 'ui.prefs');
    v1.close();

    const db = await openQuantDb(name);
    open.push(db);
    expect(db.version).toBe(QUANT_DB_VERSION);
    expect((await listSymbols(db)).map((s) => [s.symbol, s.barCount, s.lastClose])).toEqual([['OLD', 2, 11]]);
    expect(await loadBars(db, 'OLD')).toEqual([
      { date: '2020-01-02', open: 9, high: 10.5, low: 8.5, close: 10, volume: 400 },
      { date: '2020-01-03', open: 10, high: 12, low: 9, close: 11, volume: 500 },
    ]);
    expect(await getSetting(db, 'ui.prefs', null)).toEqual({ theme: 'dark' });
    // The stores added by the upgrade are usable.
    await putRecord(db, 'portfolioTrades', { id: 't1', portfolioId: 'p1', qty: 3 });
    await putRecord(db, 'portfolioTrades', { id: 't2', portfolioId: 'p2', qty: 4 });
    expect(await listRecordsBy(db, { store: 'portfolioTrades', index: 'byPortfolio', key: 'p1' })).toEqual([{ id: 't1', portfolioId: 'p1', qty: 3 }]);
    expect(await getRecord(db, 'portfolioTrades', 't2')).toEqual({ id: 't2', portfolioId: 'p2', qty: 4 });
  });

  it('keeps model-file bookkeeping per model', async () => {
    const db = await openQuantDb(freshName());
    open.push(db);
    await putModelFile(db, { modelId: 'm1', file: 'config.json', size: 10, cachedAt: '2026-01-01T00:00:00Z' });
    await putModelFile(db, { modelId: 'm1', file: 'model.safetensors', size: 99, sha256: 'ab', cachedAt: '2026-01-01T00:00:00Z' });
    await putModelFile(db, { modelId: 'm2', file: 'config.json', size: 11, cachedAt: '2026-01-01T00:00:00Z' });
    expect((await listModelFiles(db, 'm1')).map((f) => f.file)).toEqual(['config.json', 'model.safetensors']);
    await deleteModelFiles(db, 'm1');
    expect((await listModelFiles(db)).map((f) => `${f.modelId}/${f.file}`)).toEqual(['m2/config.json']);
  });
});

describe('a newer version opened elsewhere', () => {
  it('closes this connection instead of blocking the upgrade', async () => {
    const name = freshName();
    const db = await openQuantDb(name);
    const newer = await openDB(name, QUANT_DB_VERSION + 1, { upgrade: (d) => void d.createObjectStore('future') });
    expect([...newer.objectStoreNames]).toContain('future');
    expect([...newer.objectStoreNames]).toContain('barChunks');
    newer.close();
    expect(() => db.transaction('barChunks')).toThrow();
  });
});

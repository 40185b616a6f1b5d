/**
 * A database at an earlier schema version exactly as those releases created it, with raw idb (not the current
 * migrations): the starting point of the upgrade tests. Frozen: released versions never change.
 */
import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';

/** Opens (creating) database `name` at released schema `version` (1-4). */
export function openReleased(name: string, version: 1 | 2 | 3 | 4): Promise<IDBPDatabase> {
  return openDB(name, version, {
    upgrade(db) {
      db.createObjectStore('symbols', { keyPath: 'symbol' });
      db.createObjectStore('bars', { keyPath: ['symbol', 'date'] }).createIndex('bySymbol', 'symbol');
      db.createObjectStore('settings');
      if (version < 2) return;
      for (const store of ['mlModels', 'experiments', 'backtestRuns', 'portfolios']) db.createObjectStore(store, { keyPath: 'id' });
      db.createObjectStore('forecasts', { keyPath: 'id' }).createIndex('bySymbol', 'symbol');
      db.createObjectStore('portfolioTrades', { keyPath: 'id' }).createIndex('byPortfolio', 'portfolioId');
      db.createObjectStore('modelFiles', { keyPath: ['modelId', 'file'] }).createIndex('byModel', 'modelId');
      if (version < 3) return;
      db.createObjectStore('forecastStore', { keyPath: 'id' }).createIndex('byUsedAt', 'usedAt');
      if (version < 4) return;
      db.createObjectStore('strategyFiles', { keyPath: 'name' });
    },
  });
}

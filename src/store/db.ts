/**
 * The app's IndexedDB database (via `idb`): one versioned schema for everything the app keeps (its
 * stores and rows are described in schema.ts).
 *
 * Versions only ever move forward through `migrations`; each step adds stores or indexes, or moves
 * records into a new layout inside the upgrade transaction, and never drops data, so a user's imported
 * prices and saved work survive every app update.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { symbolRange, toBar, toChunks } from './bar-chunks';
import { notifyDatabaseNotice } from './events';
import type { QuantDb, QuantDbSchema, UpgradeSchema } from './schema';

export type * from './schema';

type UpgradeDb = IDBPDatabase<UpgradeSchema>;
type UpgradeTx = IDBPTransaction<UpgradeSchema, StoreNames<UpgradeSchema>[], 'versionchange'>;
/** A step that moves records returns a promise; the next step starts once it is done (same transaction). */
type Migration = (db: UpgradeDb, tx: UpgradeTx) => void | Promise<void>;

/**
 * `migrations[v]` upgrades a database from version v to v+1. Append new steps; never edit old ones
 * (a user's database may be at any earlier version).
 */
const migrations: Migration[] = [
  // 0 -> 1: price data and settings (the foundation).
  (db) => {
    db.createObjectStore('symbols', { keyPath: 'symbol' });
    const bars = db.createObjectStore('bars', { keyPath: ['symbol', 'date'] });
    bars.createIndex('bySymbol', 'symbol');
    db.createObjectStore('settings');
  },
  // 1 -> 2: everything built on top of the prices.
  (db) => {
    db.createObjectStore('mlModels', { keyPath: 'id' });
    db.createObjectStore('experiments', { keyPath: 'id' });
    db.createObjectStore('forecasts', { keyPath: 'id' }).createIndex('bySymbol', 'symbol');
    db.createObjectStore('backtestRuns', { keyPath: 'id' });
    db.createObjectStore('portfolios', { keyPath: 'id' });
    db.createObjectStore('portfolioTrades', { keyPath: 'id' }).createIndex('byPortfolio', 'portfolioId');
    db.createObjectStore('modelFiles', { keyPath: ['modelId', 'file'] }).createIndex('byModel', 'modelId');
  },
  // 2 -> 3: the forecast store every forecasting feature reuses.
  (db) => {
    db.createObjectStore('forecastStore', { keyPath: 'id' }).createIndex('byUsedAt', 'usedAt');
  },
  // 3 -> 4: the user's own strategy files (Backtest tab).
  (db) => {
    db.createObjectStore('strategyFiles', { keyPath: 'name' });
  },
  // 4 -> 5: bars move into chunks, one record per symbol and calendar year (bar-chunks.ts): IndexedDB's cost
  // is per record, so one record per bar made storing and loading a long history slow. Then `bars` is deleted.
  async (db, tx) => {
    db.createObjectStore('barChunks', { keyPath: ['symbol', 'year'] });
    const bars = tx.objectStore('bars');
    const chunks = tx.objectStore('barChunks');
    const symbols: string[] = [];
    for (let cursor = await bars.index('bySymbol').openKeyCursor(null, 'nextunique'); cursor; cursor = await cursor.continue()) symbols.push(cursor.key);
    for (const symbol of symbols) {
      const history = (await bars.getAll(symbolRange(symbol))).map(toBar);
      for (const chunk of toChunks(symbol, history)) await chunks.put(chunk);
    }
    db.deleteObjectStore('bars');
  },
];

async function runMigrations(db: UpgradeDb, oldVersion: number, tx: UpgradeTx): Promise<void> {
  for (let v = oldVersion; v < QUANT_DB_VERSION; v++) await migrations[v](db, tx);
}

/** The schema version this code writes. */
export const QUANT_DB_VERSION = migrations.length;

export const DEFAULT_DB_NAME = 'quant-lens';

/** Shown when a newer app version in another tab upgraded the database under this one. */
export const UPDATED_ELSEWHERE = 'Quant Lens was updated in another tab: reload this tab to continue (your data is safe).';
/** Shown while this tab's upgrade waits for tabs that still hold the old version open. */
export const UPGRADE_BLOCKED =
  'Quant Lens is updating its database, but another Quant Lens tab still has the old version open: close the other Quant Lens tabs (they were asked to close the database) and this tab continues.';

/**
 * Opens (creating or upgrading as needed) the app database. Each call opens a new connection;
 * UI code should prefer the shared {@link getQuantDb}.
 */
export function openQuantDb(name = DEFAULT_DB_NAME): Promise<QuantDb> {
  return openDB<QuantDbSchema>(name, QUANT_DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // A step that fails aborts the upgrade: the database stays at its old version with its data, and
      // opening fails (the open request reports the abort).
      tx.done.catch(() => undefined);
      runMigrations(db as unknown as UpgradeDb, oldVersion, tx as unknown as UpgradeTx).catch(() => {
        try {
          tx.abort();
        } catch {
          // A failed request already aborted it.
        }
      });
    },
    blocked() {
      notifyDatabaseNotice(UPGRADE_BLOCKED);
    },
    blocking(_current, blockedVersion, event) {
      // Another connection wants to upgrade or delete the database: let it. Transactions under way
      // finish first (close() waits for them), so nothing is lost.
      (event.target as IDBDatabase).close();
      shared = undefined;
      // A deletion (newVersion null, e.g. "Delete all data" in another tab): the next use opens a new,
      // empty database. An upgrade means a newer app in another tab: this tab's code is older than
      // the database, so it must reload rather than reopen.
      if (blockedVersion === null) return;
      replacedByNewerVersion = true;
      notifyDatabaseNotice(UPDATED_ELSEWHERE);
    },
    terminated() {
      // The browser closed the connection (e.g. storage cleared): the next use opens a new one.
      shared = undefined;
    },
  });
}

let shared: Promise<QuantDb> | undefined;
let replacedByNewerVersion = false;

/** One connection per page/worker, opened on first use (the app seeds the demo data at start-up: main.ts). */
export function getQuantDb(): Promise<QuantDb> {
  if (replacedByNewerVersion) return Promise.reject(new Error(UPDATED_ELSEWHERE));
  shared ??= openQuantDb()
    .catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  return shared;
}

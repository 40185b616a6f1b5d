/**
 * The app's IndexedDB database (via `idb`): one versioned schema for everything the app keeps.
 *
 * Versions only ever move forward through `migrations`; each step adds stores or indexes and never
 * drops data, so a user's imported prices and saved work survive every app update.
 *
 * Store map (key -> value):
 * - `symbols`          symbol -> {@link SymbolInfo} (one row per imported symbol)
 * - `bars`             [symbol, date] -> {@link StoredBar}; index `bySymbol`
 * - `settings`         string key (out-of-line) -> any JSON value
 * - `mlModels`, `experiments`, `backtestRuns`, `portfolios`   id -> {@link StoredRecord}
 * - `forecasts`        id -> {@link StoredRecord}; index `bySymbol` (records with a `symbol` field)
 * - `portfolioTrades`  id -> {@link StoredRecord}; index `byPortfolio` (records with a `portfolioId` field)
 * - `modelFiles`       [modelId, file] -> {@link ModelFileInfo}; index `byModel`
 * - `forecastStore`    forecast key -> {@link StoredForecastRecord}; index `byUsedAt` (LRU), see forecast-store.ts
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Bar, QualitySummary } from '../core/data/types';
import { notifyDatabaseNotice } from './events';
import type { StoredForecast } from '../core/forecast/forecast-store';

/** Metadata of one imported symbol, kept in sync with its bars by every import/delete. */
export interface SymbolInfo {
  symbol: string;
  name?: string;
  /** Where the bars came from: a file name, `demo:<file>`, ... */
  source: string;
  firstDate: string;
  lastDate: string;
  barCount: number;
  lastClose: number;
  quality?: QualitySummary;
  /** ISO timestamp of the last import that touched this symbol. */
  importedAt: string;
}

/** A bar as stored: the symbol is part of the key so one store holds every symbol's history. */
export interface StoredBar extends Bar {
  symbol: string;
}

/** Records of the other areas (models, experiments, runs, portfolios...): any structured-clonable object with an id. */
export interface StoredRecord {
  id: string;
  [field: string]: unknown;
}

/** A model file held in Cache Storage/OPFS; the bytes live there, this is the bookkeeping. */
export interface ModelFileInfo {
  modelId: string;
  file: string;
  size: number;
  sha256?: string;
  /** ISO timestamp. */
  cachedAt: string;
  /** The model's name as the user typed it (kept on its config.json row). */
  name?: string;
}

/** A forecast kept for reuse (the forecast store): its key's parts, the model's quantiles and when it was last used. */
export interface StoredForecastRecord extends StoredForecast {
  /** The key (core/forecast/store-key.ts). */
  id: string;
  model: string;
  symbol: string;
  originDate: string;
  /** ms since 1970 of the last read or write; the least recently used go first when the store is full. */
  usedAt: number;
}

export interface QuantDbSchema extends DBSchema {
  symbols: { key: string; value: SymbolInfo };
  bars: { key: [string, string]; value: StoredBar; indexes: { bySymbol: string } };
  settings: { key: string; value: unknown };
  mlModels: { key: string; value: StoredRecord };
  experiments: { key: string; value: StoredRecord };
  forecasts: { key: string; value: StoredRecord; indexes: { bySymbol: string } };
  backtestRuns: { key: string; value: StoredRecord };
  portfolios: { key: string; value: StoredRecord };
  portfolioTrades: { key: string; value: StoredRecord; indexes: { byPortfolio: string } };
  modelFiles: { key: [string, string]; value: ModelFileInfo; indexes: { byModel: string } };
  forecastStore: { key: string; value: StoredForecastRecord; indexes: { byUsedAt: number } };
}

export type QuantDb = IDBPDatabase<QuantDbSchema>;
export type QuantStoreName = StoreNames<QuantDbSchema>;

type UpgradeTx = IDBPTransaction<QuantDbSchema, QuantStoreName[], 'versionchange'>;
type Migration = (db: QuantDb, tx: UpgradeTx) => void;

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
];

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
      for (let v = oldVersion; v < QUANT_DB_VERSION; v++) migrations[v](db, tx);
    },
    blocked() {
      notifyDatabaseNotice(UPGRADE_BLOCKED);
    },
    blocking(_current, _blocked, event) {
      // A newer version of the app (another tab) wants to upgrade: let it. Transactions under way
      // finish first (close() waits for them), so nothing is lost; this tab's code is now older
      // than the database, so it must reload rather than reopen.
      (event.target as IDBDatabase).close();
      replacedByNewerVersion = true;
      shared = undefined;
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

/**
 * One connection per page/worker, opened on first use. In a page (not in workers) the first call
 * also seeds the demo data into an empty database before resolving, so every view sees it.
 */
export function getQuantDb(): Promise<QuantDb> {
  if (replacedByNewerVersion) return Promise.reject(new Error(UPDATED_ELSEWHERE));
  shared ??= openQuantDb()
    .then(async (db) => {
      if (typeof document !== 'undefined') await (await import('./demo')).seedDemoFromSite(db);
      return db;
    })
    .catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  return shared;
}

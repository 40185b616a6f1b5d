/**
 * The database's schema as types: what each store of the app's IndexedDB holds (db.ts opens and
 * migrates it). Kept apart so modules that only describe stored rows need not load the database code.
 *
 * Store map (key -> value):
 * - `symbols`          symbol -> {@link SymbolInfo} (one row per imported symbol)
 * - `barChunks`        [symbol, year] -> {@link BarChunk} (one symbol's bars of one calendar year, in columns;
 *                      until version 4 the `bars` store held one {@link StoredBar} per [symbol, date])
 * - `settings`         string key (out-of-line) -> any JSON value
 * - `mlModels`, `experiments`, `backtestRuns`, `portfolios`   id -> {@link StoredRecord}
 * - `forecasts`        id -> {@link StoredRecord}; index `bySymbol` (records with a `symbol` field)
 * - `portfolioTrades`  id -> {@link StoredRecord}; index `byPortfolio` (records with a `portfolioId` field)
 * - `modelFiles`       [modelId, file] -> {@link ModelFileInfo}; index `byModel`
 * - `forecastStore`    forecast key -> {@link StoredForecastRecord}; index `byUsedAt` (LRU), see forecast-store.ts
 * - `strategyFiles`    strategy name -> {@link StoredStrategyFile} (the user's strategy files, see strategy-files.ts)
 */
import type { DBSchema, IDBPDatabase, StoreNames } from 'idb';
import type { Bar, QualitySummary } from '../core/data/types';
import type { StoredForecast } from '../core/forecast/forecast-store';
import type { PriceAdjustment, ProviderId } from '../core/providers/types';
import type { CachedFileInfo } from '../model-files/store';
import type { BarChunk } from './bar-chunks';
import type { FieldView } from '../core/strategy/user-strategy';

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
  /** Set when the bars came from a data provider or this site's feed, so the symbol can be refreshed. */
  fetchSource?: FetchSource;
}

/** Where a fetched symbol's bars come from. Never holds an API key (keys live in src/store/provider-keys.ts). */
export interface FetchSource {
  /** A provider id (`yahoo`, `polygon`, ...) or `feed` for this site's published `data/manifest.json`. */
  provider: ProviderId | 'feed';
  /** The provider's ticker, which may differ from the stored symbol. */
  ticker: string;
  adjustment: PriceAdjustment;
  /** The provider base URL override used (a self-hosted mirror), when any. */
  baseUrl?: string;
  /** For the `url` provider: the file address with its `{symbol}` placeholder. */
  url?: string;
  /** ISO timestamp of the last fetch that wrote bars. */
  fetchedAt: string;
  /** ISO timestamp of the last time the provider was asked, even when nothing new came. */
  lastCheckedAt: string;
}

/** A bar as versions 1-4 stored it in the `bars` store (read only by the migration to version 5). */
export interface StoredBar extends Bar {
  symbol: string;
}

/** Records of the other areas (models, experiments, runs, portfolios...): any structured-clonable object with an id. */
export interface StoredRecord {
  id: string;
  [field: string]: unknown;
}

/** A model file held in Cache Storage/OPFS; the bytes live there, this is the bookkeeping (the model cache's own row type). */
export type ModelFileInfo = CachedFileInfo;

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

/**
 * A strategy file the user added in the Backtest tab: its source as written (run only in the compute
 * worker, never sent anywhere) and what the form needs to show it without running it.
 */
export interface StoredStrategyFile {
  /** The strategy's name (unique, never a built-in's): the key, and the name its runs carry. */
  name: string;
  label: string;
  /** The file's name as added, e.g. `trend.ts` (.ts is transpiled, .js is not). */
  fileName: string;
  source: string;
  /** The form's fields and every parameter's default, read from the file when it was added. */
  fields: FieldView[];
  defaults: Record<string, number | string>;
  /** ISO timestamp. */
  addedAt: string;
}

export interface QuantDbSchema extends DBSchema {
  symbols: { key: string; value: SymbolInfo };
  barChunks: { key: [string, string]; value: BarChunk };
  settings: { key: string; value: unknown };
  mlModels: { key: string; value: StoredRecord };
  experiments: { key: string; value: StoredRecord };
  forecasts: { key: string; value: StoredRecord; indexes: { bySymbol: string } };
  backtestRuns: { key: string; value: StoredRecord };
  portfolios: { key: string; value: StoredRecord };
  portfolioTrades: { key: string; value: StoredRecord; indexes: { byPortfolio: string } };
  modelFiles: { key: [string, string]; value: ModelFileInfo; indexes: { byModel: string } };
  forecastStore: { key: string; value: StoredForecastRecord; indexes: { byUsedAt: number } };
  strategyFiles: { key: string; value: StoredStrategyFile };
}

/** The schema as the migrations see it: the current stores plus those that later versions removed. */
export interface UpgradeSchema extends QuantDbSchema {
  /** Versions 1-4: one bar per record; moved into `barChunks` and deleted by the upgrade to version 5. */
  bars: { key: [string, string]; value: StoredBar; indexes: { bySymbol: string } };
}

export type QuantDb = IDBPDatabase<QuantDbSchema>;
export type QuantStoreName = StoreNames<QuantDbSchema>;

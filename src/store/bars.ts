/**
 * Price data in IndexedDB: symbols and their bars (stored one record per symbol and year, bar-chunks.ts).
 * Every write is one transaction, so an import lands completely or not at all.
 *
 *   const db = await getQuantDb();
 *   const symbols = await listSymbols(db);          // metadata for the symbol list
 *   const series = await loadSeries(db, 'SPX');     // column arrays for the numeric core
 */
import { mergeBars, type MergePolicy } from '../core/data/merge';
import { barsToSeries, type Bar, type PriceSeries, type QualitySummary } from '../core/data/types';
import type { QuantDb, SymbolInfo } from './db';
import { notifySymbolsChanged } from './events';
import { barsOfChunks } from './bar-chunks';
import { symbolRange, writeSymbols, type WriteGuard } from './symbol-write';

export { isQuotaError, StorageFullError, symbolRange, toBar } from './symbol-write';

export { MergeRefusedError, type MergePolicy } from '../core/data/merge';

/** All symbols' metadata, sorted by symbol. */
export async function listSymbols(db: QuantDb): Promise<SymbolInfo[]> {
  return db.getAll('symbols');
}

export async function getSymbol(db: QuantDb, symbol: string): Promise<SymbolInfo | undefined> {
  return db.get('symbols', symbol);
}

/** A symbol's bars sorted by date (empty when the symbol is unknown). */
export async function loadBars(db: QuantDb, symbol: string): Promise<Bar[]> {
  return barsOfChunks(await db.getAll('barChunks', symbolRange(symbol)));
}

/** A symbol's history in the column form the numeric core works on. */
export async function loadSeries(db: QuantDb, symbol: string): Promise<PriceSeries> {
  return barsToSeries(symbol, await loadBars(db, symbol));
}

/** Removes a symbol and all its bars (one transaction). */
export async function deleteSymbol(db: QuantDb, symbol: string): Promise<void> {
  const tx = db.transaction(['symbols', 'barChunks'], 'readwrite');
  await Promise.all([tx.objectStore('barChunks').delete(symbolRange(symbol)), tx.objectStore('symbols').delete(symbol), tx.done]);
  notifySymbolsChanged();
}

/** One symbol's worth of validated bars (sorted, one per date) to store. */
export interface ImportItem {
  symbol: string;
  /** The symbol's name; when absent the stored name stays, except under `replace-symbol`. */
  name?: string;
  source: string;
  bars: readonly Bar[];
  /** More metadata to store with the symbol (e.g. where it can be refreshed from); computed fields win. */
  meta?: Partial<SymbolInfo>;
}

export interface ImportOptions {
  merge: MergePolicy;
  /** Quality summary of a symbol's merged history, kept with its metadata for the badge. */
  assess?: (bars: readonly Bar[]) => QualitySummary;
  /** Timestamp recorded as `importedAt` (defaults to now). */
  now?: Date;
}

export interface ImportOutcome {
  symbol: string;
  added: number;
  replaced: number;
  kept: number;
  /** Stored bars deleted because the whole symbol was replaced. */
  removed: number;
  /** Bars actually written (added + replaced). */
  written: number;
  /** Bars stored for the symbol after the import. */
  barCount: number;
}

/**
 * Writes several symbols in ONE transaction: every bar of every item lands, or nothing does.
 * Each symbol's stored bars are read, checked and merged inside that transaction (`mergeBars`:
 * `options.merge` decides overlapping dates; bars of another frequency are refused with a
 * `MergeRefusedError` unless the whole symbol is replaced). The symbol's metadata (name, dates,
 * count, quality and frequency) describes what is stored after the write. Listeners of
 * `onSymbolsChanged` are told once it is committed. A `guard` (symbol-write.ts) can call the import off
 * inside the same transaction (then nothing is written and no outcome returned). Fails with `StorageFullError` when over quota.
 */
export async function importBatch(db: QuantDb, items: readonly ImportItem[], options: ImportOptions, guard?: WriteGuard): Promise<ImportOutcome[]> {
  const importedAt = (options.now ?? new Date()).toISOString();
  // A symbol in several files of one batch: the first replaces the stored series, the others merge into it.
  const replacedInBatch = new Set<string>();
  for (const item of items) if (item.bars.length === 0) throw new Error(`${item.symbol}: nothing to import (no bars)`);
  return writeSymbols(db, items, (item, stored, row) => {
    const wholeSymbol = options.merge === 'replace-symbol' && !replacedInBatch.has(item.symbol);
    const policy = options.merge === 'replace-symbol' && !wholeSymbol ? 'replace' : options.merge;
    replacedInBatch.add(item.symbol);
    const { merged, toWrite, added, replaced, kept, removed } = mergeBars(item.symbol, stored, item.bars, policy);
    return {
      result: { symbol: item.symbol, added, replaced, kept, removed, written: toWrite.length, barCount: merged.length },
      write: {
        history: merged,
        toWrite,
        clearFirst: wholeSymbol,
        // Other fields of the stored row (e.g. where the symbol can be refreshed from) stay unless the whole symbol is replaced.
        row: { ...(wholeSymbol ? {} : row), ...item.meta, name: wholeSymbol ? item.name : item.name ?? row?.name, source: item.source, quality: options.assess?.(merged), importedAt },
      },
    };
  }, guard);
}

/**
 * Writes one symbol's validated bars under a merge policy, read-check-write in one transaction
 * (the entry point for fetched or refreshed bars; `importBatch` for several symbols at once).
 */
export async function writeSymbolBars(db: QuantDb, item: ImportItem, options: ImportOptions): Promise<ImportOutcome> {
  const [outcome] = await importBatch(db, [item], options);
  return outcome;
}

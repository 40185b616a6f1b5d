/**
 * The one way a symbol's bars and its `symbols` row are written, for file imports (bars.ts `importBatch`)
 * and provider fetches (fetched-symbols.ts). Inside ONE readwrite transaction it reads each symbol's stored
 * bars and row, lets the caller decide what to write (merge, replace, or nothing), then writes the bars
 * and the row that describes what is stored afterwards. Bars are stored one record per symbol and calendar
 * year (bar-chunks.ts), so a write rewrites only the years it touches. A failure aborts the whole transaction, so nothing
 * of it lands, and two tabs cannot interleave a check with another tab's write.
 */
import type { Bar } from '../core/data/types';
import type { IDBPTransaction } from 'idb';
import { barsByYear, barsOfChunks, symbolRange, toChunk, toChunks, yearOf, type BarChunk } from './bar-chunks';
import type { QuantDb, QuantDbSchema, SymbolInfo } from './db';
import { notifySymbolsChanged } from './events';

export { symbolRange, toBar } from './bar-chunks';

/** The browser refused to store more (quota). Nothing of the failed import was written. */
export class StorageFullError extends Error {
  constructor(cause: unknown) {
    super('Storage is full: the browser refused to store this import (quota exceeded). Nothing was written; ' +
      'free space by deleting symbols or other saved data, then try again.', { cause });
    this.name = 'StorageFullError';
  }
}

export function isQuotaError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'QuotaExceededError' || (error as DOMException).code === 22);
}

/** The row fields a writer chooses; dates, count and last close always follow the stored bars. */
export type SymbolRowFields = Omit<SymbolInfo, 'symbol' | 'firstDate' | 'lastDate' | 'barCount' | 'lastClose'>;

/** What to write for one symbol, decided from what is stored. */
export interface SymbolWrite {
  /** The symbol's whole history after the write (sorted, not empty). */
  history: readonly Bar[];
  /** The bars to put (new or changed dates; all of them when `clearFirst`): their years' chunks are rewritten from `history`. */
  toWrite: readonly Bar[];
  /** Delete every stored bar of the symbol before putting `toWrite`. */
  clearFirst: boolean;
  row: SymbolRowFields;
}

/** The caller's decision for one symbol: its result, and what to write (nothing when `write` is absent). */
export interface SymbolDecision<R> {
  result: R;
  write?: SymbolWrite;
}

export type DecideWrite<T, R> = (item: T, stored: Bar[], row: SymbolInfo | undefined) => SymbolDecision<R>;

/** The transaction of a guarded write: the symbol stores plus `settings`. */
export type GuardedWriteTx = IDBPTransaction<QuantDbSchema, ('symbols' | 'barChunks' | 'settings')[], 'readwrite'>;

/**
 * A check that runs first, inside the same transaction (which then also spans `settings`): false means
 * write nothing. It may write too (e.g. record that the write happened), all or nothing with the rest.
 */
export type WriteGuard = (tx: GuardedWriteTx) => Promise<boolean>;

/** The `symbols` row of a symbol whose whole stored history is `history` (sorted, not empty). */
export function symbolRowOf(symbol: string, history: readonly Bar[], fields: SymbolRowFields): SymbolInfo {
  const last = history[history.length - 1];
  const row: SymbolInfo = { ...fields, symbol, firstDate: history[0].date, lastDate: last.date, barCount: history.length, lastClose: last.close };
  if (row.name === undefined) delete row.name;
  return row;
}

/**
 * Writes several symbols in ONE transaction, in order (an item sees what earlier items of the batch wrote).
 * `decide` runs inside the transaction on each symbol's stored bars and row; when it throws, nothing is
 * written. With a `guard`, nothing is written (and no result returned) unless it passes. Listeners of `onSymbolsChanged` are told once after the commit when anything was written.
 * Fails with `StorageFullError` when over quota.
 */
export async function writeSymbols<T extends { symbol: string }, R>(db: QuantDb, items: readonly T[], decide: DecideWrite<T, R>, guard?: WriteGuard): Promise<R[]> {
  // The settings store joins the scope only when needed: it would otherwise wait behind every long bar write.
  const tx = (guard ? db.transaction(['symbols', 'barChunks', 'settings'], 'readwrite') : db.transaction(['symbols', 'barChunks'], 'readwrite')) as GuardedWriteTx;
  const chunkStore = tx.objectStore('barChunks');
  const symbolStore = tx.objectStore('symbols');
  // Observed up front: an abort rejects `done` even when we fail before awaiting it.
  const done = tx.done;
  done.catch(() => undefined);
  // Every request is tracked and observed at once, so none rejects unobserved after an abort; a failed
  // request aborts the transaction, which the row put (awaited per symbol) and `done` report.
  const requests: Promise<unknown>[] = [];
  const track = <V>(request: Promise<V>): Promise<V> => {
    request.catch(() => undefined);
    requests.push(request);
    return request;
  };
  try {
    if (guard && !(await guard(tx))) {
      await done;
      return [];
    }
    const results: R[] = [];
    let wrote = false;
    for (const item of items) {
      const [stored, row] = await Promise.all([track(chunkStore.getAll(symbolRange(item.symbol))), track(symbolStore.get(item.symbol))]);
      const { result, write } = decide(item, barsOfChunks(stored), row);
      results.push(result);
      if (!write) continue;
      wrote = true;
      // Requests of one transaction run in order: the delete happens before the new chunks are put.
      if (write.clearFirst && stored.length > 0) track(chunkStore.delete(symbolRange(item.symbol)));
      for (const chunk of chunksToPut(item.symbol, write)) track(chunkStore.put(chunk));
      await track(symbolStore.put(symbolRowOf(item.symbol, write.history, write.row)));
    }
    await Promise.all([...requests, done]);
    if (wrote) notifySymbolsChanged();
    return results;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failing request (or finished): nothing more to undo.
    }
    await Promise.allSettled(requests);
    throw isQuotaError(error) ? new StorageFullError(error) : error;
  }
}

/** The year chunks a write rewrites: every year of the history when `clearFirst`, else the years of `toWrite`. */
function chunksToPut(symbol: string, write: SymbolWrite): BarChunk[] {
  if (write.clearFirst) return toChunks(symbol, write.history);
  const touched = new Set(write.toWrite.map((bar) => yearOf(bar.date)));
  if (touched.size === 0) return [];
  const years = barsByYear(write.history);
  return [...touched].map((year) => toChunk(symbol, year, years.get(year) ?? []));
}

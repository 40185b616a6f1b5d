/**
 * The pieces every write of a symbol's bars shares: its metadata row from the merged history, and undoing a
 * failed readwrite transaction. (The import path in bars.ts predates this module and still spells them out.)
 */
import type { Bar } from '../core/data/types';
import { isQuotaError, StorageFullError } from './bars';
import type { SymbolInfo } from './db';

/** The `symbols` row of a symbol whose whole stored history is `merged` (sorted, not empty). */
export function symbolInfoOf(symbol: string, merged: readonly Bar[], fields: Omit<SymbolInfo, 'symbol' | 'firstDate' | 'lastDate' | 'barCount' | 'lastClose'>): SymbolInfo {
  const last = merged[merged.length - 1];
  return { symbol, ...fields, firstDate: merged[0].date, lastDate: last.date, barCount: merged.length, lastClose: last.close };
}

/**
 * After a failure inside a readwrite transaction: aborts it (nothing is written), waits until every pending
 * request has settled (so none rejects unobserved), and returns the error to throw, quota errors in the
 * user's words.
 */
export async function abortWrite(tx: { abort(): void }, pending: readonly Promise<unknown>[], error: unknown): Promise<unknown> {
  try {
    tx.abort();
  } catch {
    // Already aborted by the failing request (or finished): nothing more to undo.
  }
  await Promise.allSettled(pending);
  return isQuotaError(error) ? new StorageFullError(error) : error;
}

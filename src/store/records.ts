/**
 * Generic access to the record stores keyed by `id` (ML models, experiments, forecasts, backtest
 * runs, paper portfolios and their trade journal). Each area defines its own record type:
 *
 *   interface BacktestRun { id: string; createdAt: string; config: ...; metrics: ... }
 *   await putRecord<BacktestRun>(db, 'backtestRuns', run);
 *   const runs = await listRecords<BacktestRun>(db, 'backtestRuns');
 *
 * Values must be structured-clonable (plain objects, arrays, typed arrays, Dates; no functions).
 */
import type { QuantDb, StoredRecord } from './db';

export type RecordStoreName = 'mlModels' | 'experiments' | 'forecasts' | 'backtestRuns' | 'portfolios' | 'portfolioTrades';

/** The indexed lookups available: forecasts by `symbol`, trades by `portfolioId`. */
export type RecordIndex =
  | { store: 'forecasts'; index: 'bySymbol'; key: string }
  | { store: 'portfolioTrades'; index: 'byPortfolio'; key: string };

/** A fresh record id that sorts by time: `<kind>-<ISO time>-<random>`. */
export function newRecordId(kind: string, createdAt = new Date().toISOString()): string {
  return `${kind}-${createdAt}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Inserts or overwrites the record with the same `id`. */
export async function putRecord<T extends { id: string }>(db: QuantDb, store: RecordStoreName, record: T): Promise<void> {
  await db.put(store, record as unknown as StoredRecord);
}

export async function getRecord<T extends { id: string }>(db: QuantDb, store: RecordStoreName, id: string): Promise<T | undefined> {
  return (await db.get(store, id)) as T | undefined;
}

/** Every record of a store, in `id` order. */
export async function listRecords<T extends { id: string }>(db: QuantDb, store: RecordStoreName): Promise<T[]> {
  return (await db.getAll(store)) as unknown as T[];
}

/** Records matching an index key, e.g. all trades of one portfolio. */
export async function listRecordsBy<T extends { id: string }>(db: QuantDb, lookup: RecordIndex): Promise<T[]> {
  const found =
    lookup.store === 'forecasts'
      ? await db.getAllFromIndex('forecasts', 'bySymbol', lookup.key)
      : await db.getAllFromIndex('portfolioTrades', 'byPortfolio', lookup.key);
  return found as unknown as T[];
}

export async function deleteRecord(db: QuantDb, store: RecordStoreName, id: string): Promise<void> {
  await db.delete(store, id);
}

/**
 * Changes some fields of a stored record, read and written in one transaction (a record deleted
 * meanwhile stays deleted: returns undefined).
 */
export async function updateRecord<T extends { id: string }>(db: QuantDb, store: RecordStoreName, id: string, change: Partial<Omit<T, 'id'>>): Promise<T | undefined> {
  const tx = db.transaction(store, 'readwrite');
  const current = (await tx.store.get(id)) as T | undefined;
  const updated = current ? ({ ...current, ...change, id } as T) : undefined;
  if (updated) await tx.store.put(updated as unknown as StoredRecord);
  await tx.done;
  return updated;
}

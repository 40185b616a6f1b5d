/**
 * The user's strategy files from the Backtest tab: added and checked in the compute worker (which loads
 * the code; the page never runs it), listed and removed from IndexedDB's `strategyFiles` store.
 */
import { getQuantDb, type StoredStrategyFile } from '../../store/db';
import { deleteStrategyFile, listStrategyFiles } from '../../store/strategy-files';
import { computeWorker } from '../lib/workers';

export type { StoredStrategyFile } from '../../store/db';

/** The extensions the file picker offers (what the loader reads). */
export const STRATEGY_FILE_TYPES = '.js,.mjs,.ts,.mts';

/** Stores a picked file once it loads; throws a message naming the file (and stores nothing) when it does not. */
export async function addStrategyFile(file: File): Promise<StoredStrategyFile> {
  return computeWorker().addStrategyFile(file.name, await file.text());
}

export async function strategyFiles(): Promise<StoredStrategyFile[]> {
  return listStrategyFiles(await getQuantDb());
}

export async function removeStrategyFile(name: string): Promise<void> {
  await deleteStrategyFile(await getQuantDb(), name);
}

/** What the file's strategy says about these values (undefined: a run would accept them). */
export function checkFileParams(name: string, values: Record<string, unknown>): Promise<string | undefined> {
  return computeWorker().checkStrategyFileParams(name, values);
}

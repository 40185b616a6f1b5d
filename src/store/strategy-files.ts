/**
 * The user's strategy files (`strategyFiles` store), keyed by strategy name: adding a file whose strategy
 * has a stored name replaces that file (a newer version of it). Only the compute worker adds files, after
 * loading them (workers/compute/strategy-file.ts), so a file that fails to load is never stored.
 */
import type { QuantDb, StoredStrategyFile } from './db';

export async function putStrategyFile(db: QuantDb, file: StoredStrategyFile): Promise<void> {
  await db.put('strategyFiles', file);
}

export async function getStrategyFile(db: QuantDb, name: string): Promise<StoredStrategyFile | undefined> {
  return db.get('strategyFiles', name);
}

/** Every stored file, by label. */
export async function listStrategyFiles(db: QuantDb): Promise<StoredStrategyFile[]> {
  return (await db.getAll('strategyFiles')).sort((a, b) => a.label.localeCompare(b.label));
}

export async function deleteStrategyFile(db: QuantDb, name: string): Promise<void> {
  await db.delete('strategyFiles', name);
}

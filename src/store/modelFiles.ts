/**
 * Bookkeeping of model files cached for offline use (the bytes live in Cache Storage or OPFS;
 * these rows say what is there, how big, and its verified sha256).
 */
import type { ModelFileInfo, QuantDb } from './db';

export async function putModelFile(db: QuantDb, info: ModelFileInfo): Promise<void> {
  await db.put('modelFiles', info);
}

/** Cached files of one model, or of every model when `modelId` is omitted. */
export async function listModelFiles(db: QuantDb, modelId?: string): Promise<ModelFileInfo[]> {
  return modelId === undefined ? db.getAll('modelFiles') : db.getAllFromIndex('modelFiles', 'byModel', modelId);
}

export async function deleteModelFiles(db: QuantDb, modelId: string): Promise<void> {
  const tx = db.transaction('modelFiles', 'readwrite');
  const keys = await tx.store.index('byModel').getAllKeys(modelId);
  await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
}

/**
 * Bookkeeping of model files cached for offline use (the bytes live in Cache Storage or OPFS;
 * these rows say what is there, how big, and its verified sha256).
 */
import type { ModelFileInfo, QuantDb } from './db';

/** Records a cached file; a name the user gave the model survives a re-download. */
export async function putModelFile(db: QuantDb, info: ModelFileInfo): Promise<void> {
  const tx = db.transaction('modelFiles', 'readwrite');
  const old = await tx.store.get([info.modelId, info.file]);
  await tx.store.put({ ...info, name: info.name ?? old?.name });
  await tx.done;
}

/** Names a cached model (an empty name goes back to the readable default); false when its config.json is not cached. */
export async function setModelName(db: QuantDb, modelId: string, name: string): Promise<boolean> {
  const tx = db.transaction('modelFiles', 'readwrite');
  const row = await tx.store.get([modelId, 'config.json']);
  if (row) await tx.store.put({ ...row, name: name.trim() || undefined });
  await tx.done;
  return row !== undefined;
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

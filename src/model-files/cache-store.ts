/**
 * The browser's model file store: bytes in Cache Storage (cache `quant-lens-models`, separate from the
 * service worker's precache so app updates never evict models), bookkeeping in IndexedDB `modelFiles`.
 * A file counts as cached only when both exist, so a write interrupted between the two is invisible.
 */
import { getQuantDb } from '../store/db';
import { deleteModelFiles, listModelFiles, putModelFile } from '../store/modelFiles';
import type { CachedFileInfo, ModelFileStore } from './store';

export const MODEL_CACHE_NAME = 'quant-lens-models';

/** Cache Storage keys must be http(s) URLs: a synthetic one under this origin, never fetched. */
function cacheKey(modelId: string, file: string): string {
  return new URL(`/__quant-lens-models__/${encodeURIComponent(modelId)}/${encodeURIComponent(file)}`, self.location.origin).href;
}

export class BrowserModelFileStore implements ModelFileStore {
  async read(modelId: string, file: string): Promise<Uint8Array | undefined> {
    const db = await getQuantDb();
    const info = await db.get('modelFiles', [modelId, file]);
    if (!info) return undefined;
    const response = await (await caches.open(MODEL_CACHE_NAME)).match(cacheKey(modelId, file));
    if (!response) return undefined;
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.byteLength === info.size ? bytes : undefined;
  }

  async write(info: CachedFileInfo, bytes: Uint8Array): Promise<void> {
    const cache = await caches.open(MODEL_CACHE_NAME);
    const body = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    await cache.put(cacheKey(info.modelId, info.file), new Response(body, { headers: { 'Content-Length': String(bytes.byteLength) } }));
    await putModelFile(await getQuantDb(), info);
  }

  async list(): Promise<CachedFileInfo[]> {
    return listModelFiles(await getQuantDb());
  }

  async remove(modelId: string): Promise<void> {
    const db = await getQuantDb();
    const files = await listModelFiles(db, modelId);
    // Bookkeeping first: a crash in between leaves orphan bytes, never an entry whose bytes are gone.
    await deleteModelFiles(db, modelId);
    const cache = await caches.open(MODEL_CACHE_NAME);
    await Promise.all(files.map((f) => cache.delete(cacheKey(modelId, f.file))));
  }
}

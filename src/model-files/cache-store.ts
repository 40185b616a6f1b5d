/**
 * The browser's model file store: bytes in Cache Storage (cache `quant-lens-models`, separate from the
 * service worker's precache so app updates never evict models), bookkeeping in IndexedDB `modelFiles`.
 * A file counts as cached only when both exist, so a write interrupted between the two is invisible.
 * Interrupted downloads keep their bytes in the same cache, one entry per saved stretch
 * (`.../partial/<model>/<file>/<offset>`), so saving never rewrites what is already there.
 */
import { getQuantDb } from '../store/db';
import { deleteModelFiles, listModelFiles, putModelFile, setModelName } from '../store/modelFiles';
import { joinStretches, type CachedFileInfo, type ModelFileStore } from './store';

export const MODEL_CACHE_NAME = 'quant-lens-models';

/** Cache Storage keys must be http(s) URLs: a synthetic one under this origin, never fetched. */
function cacheKey(modelId: string, file: string): string {
  return new URL(`/__quant-lens-models__/${encodeURIComponent(modelId)}/${encodeURIComponent(file)}`, self.location.origin).href;
}

/** Key prefix of a model's partial downloads, or of one file's when `file` is given. */
function partialPrefix(modelId: string, file?: string): string {
  const path = `/__quant-lens-models__/partial/${encodeURIComponent(modelId)}/${file === undefined ? '' : `${encodeURIComponent(file)}/`}`;
  return new URL(path, self.location.origin).href;
}

/** Where the first good download's sha256 is kept: outside the model's own keys, so deleting the model keeps it. */
function firstSha256Key(modelId: string, file: string): string {
  return new URL(`/__quant-lens-models__/first-sha256/${encodeURIComponent(modelId)}/${encodeURIComponent(file)}`, self.location.origin).href;
}

async function deleteUnder(cache: Cache, prefix: string): Promise<void> {
  const keys = (await cache.keys()).filter((r) => r.url.startsWith(prefix));
  await Promise.all(keys.map((r) => cache.delete(r)));
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
    await deleteUnder(cache, partialPrefix(modelId));
  }

  async readPartial(modelId: string, file: string): Promise<Uint8Array | undefined> {
    const cache = await caches.open(MODEL_CACHE_NAME);
    const prefix = partialPrefix(modelId, file);
    const keys = (await cache.keys()).filter((r) => r.url.startsWith(prefix));
    const stretches = await Promise.all(keys.map(async (r) => ({
      offset: Number(r.url.slice(prefix.length)),
      bytes: new Uint8Array(await (await cache.match(r))!.arrayBuffer()),
    })));
    return joinStretches(stretches);
  }

  async savePartial(modelId: string, file: string, offset: number, bytes: Uint8Array): Promise<void> {
    const cache = await caches.open(MODEL_CACHE_NAME);
    if (offset === 0) await deleteUnder(cache, partialPrefix(modelId, file));
    await cache.put(`${partialPrefix(modelId, file)}${offset}`, new Response(new Blob([bytes as Uint8Array<ArrayBuffer>])));
  }

  async removePartial(modelId: string, file: string): Promise<void> {
    await deleteUnder(await caches.open(MODEL_CACHE_NAME), partialPrefix(modelId, file));
  }

  async rename(modelId: string, name: string): Promise<boolean> {
    return setModelName(await getQuantDb(), modelId, name);
  }

  async firstSha256(modelId: string, file: string): Promise<string | undefined> {
    const response = await (await caches.open(MODEL_CACHE_NAME)).match(firstSha256Key(modelId, file));
    return response ? (await response.text()).trim() : undefined;
  }

  async rememberFirstSha256(modelId: string, file: string, sha256: string): Promise<void> {
    await (await caches.open(MODEL_CACHE_NAME)).put(firstSha256Key(modelId, file), new Response(sha256));
  }
}

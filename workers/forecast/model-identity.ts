/**
 * A model's identity in the forecast store (store-key.ts): catalog id + pinned revision, else the sha256
 * of its cached config.json and weights (a local import or a Hugging Face branch can change under the
 * same id). The sha256 of every cached file was computed once when it was downloaded or picked and is
 * kept in the file's bookkeeping row, so the identity is a hash of those two short digests: the weights
 * (hundreds of MB) are never read again for it. Only a row without its sha256 has its bytes hashed.
 */
import { catalog } from '../../models/catalog';
import { modelIdentity } from '../../src/core/forecast/store-key';
import { sha256Hex } from '../../src/model-files/sha256';
import type { CachedFileInfo, ModelFileStore } from '../../src/model-files/store';

/** The cached file that holds the weights: the safetensors, else the .onnx graph (what the loader uses). */
function weightsFile(files: readonly CachedFileInfo[]): CachedFileInfo | undefined {
  return files.find((f) => f.file.endsWith('.safetensors')) ?? files.find((f) => f.file.endsWith('.onnx'));
}

async function fileSha256(store: ModelFileStore, info: CachedFileInfo): Promise<string> {
  if (info.sha256) return info.sha256;
  const bytes = await store.read(info.modelId, info.file);
  if (!bytes) throw new Error(`model "${info.modelId}": ${info.file} is not cached`);
  return sha256Hex(bytes);
}

export async function storeIdentity(id: string, store: ModelFileStore): Promise<string> {
  const entry = catalog.find((m) => m.id === id);
  if (entry) return modelIdentity(id, entry.revision);
  const files = (await store.list()).filter((f) => f.modelId === id);
  const config = files.find((f) => f.file === 'config.json');
  const weights = weightsFile(files);
  if (!config || !weights) throw new Error(`model "${id}" is not cached (download it or pick its files first)`);
  const digests = `${await fileSha256(store, config)} ${await fileSha256(store, weights)}`;
  return modelIdentity(id, `sha256:${await sha256Hex(new TextEncoder().encode(digests))}`);
}

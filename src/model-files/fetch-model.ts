/**
 * Makes every file of a model available locally: cached files are read from the store, missing ones
 * are downloaded (with progress, resume, verification) and cached. A model is usable offline once all
 * its files are cached. Bytes of an interrupted download are saved as they arrive, so the next attempt
 * (after a cancel, a network failure or a page reload) continues where it stopped.
 */
import type { ResolvedModel } from '../../models/catalog';
import { throwIfCancelled, type JobOptions } from '../core/jobs/progress';
import { downloadFile, IntegrityError, type DownloadOptions } from './download';
import { sha256Hex } from './sha256';
import type { ModelFileStore } from './store';
import type { TransferStats } from './transfer-meter';

export interface ModelTransfer extends TransferStats {
  file: string;
  /** 0-based index of the file being fetched, and how many there are. */
  fileIndex: number;
  fileCount: number;
}

export interface FetchModelOptions extends JobOptions, Pick<DownloadOptions, 'fetchImpl' | 'maxRetries' | 'retryDelayMs' | 'checkpointBytes'> {
  onTransfer?: (transfer: ModelTransfer) => void;
}

/** Name -> bytes of each file of the model. */
export type ModelFiles = Record<string, Uint8Array>;

export async function fetchModelFiles(model: ResolvedModel, store: ModelFileStore, options: FetchModelOptions = {}): Promise<ModelFiles> {
  const files: ModelFiles = {};
  options.onProgress?.({ status: 'start', kind: 'download', label: `Downloading ${model.label}` });
  for (const [fileIndex, spec] of model.files.entries()) {
    throwIfCancelled(options.signal);
    const cached = await store.read(model.id, spec.name);
    if (cached) {
      files[spec.name] = cached;
      continue;
    }
    const download = await downloadFile(spec.url, {
      ...options,
      expectedSize: spec.size,
      sizeExact: spec.sizeExact ?? spec.size !== null,
      sha256: spec.sha256,
      resumeFrom: await store.readPartial(model.id, spec.name),
      onCheckpoint: (offset, bytes) => store.savePartial(model.id, spec.name, offset, bytes),
      onProgress: undefined,
      onTransfer: (stats) => {
        options.onTransfer?.({ ...stats, file: spec.name, fileIndex, fileCount: model.files.length });
        options.onProgress?.({ status: 'progress', done: stats.received, total: stats.total, unit: 'bytes', message: spec.name });
      },
    }).catch(async (error: unknown) => {
      // Bytes that fail the checks (e.g. the file changed upstream since the saved part) are not resumed from.
      if (error instanceof IntegrityError) await store.removePartial(model.id, spec.name);
      throw error;
    });
    await store.write({ modelId: model.id, file: spec.name, size: download.bytes.byteLength, sha256: download.sha256, cachedAt: new Date().toISOString() }, download.bytes);
    await store.removePartial(model.id, spec.name);
    files[spec.name] = download.bytes;
  }
  options.onProgress?.({ status: 'done' });
  return files;
}

/** The model's files if every one is cached, else undefined (nothing is downloaded). */
export async function readCachedModel(model: Pick<ResolvedModel, 'id' | 'files'>, store: ModelFileStore): Promise<ModelFiles | undefined> {
  const files: ModelFiles = {};
  for (const spec of model.files) {
    const bytes = await store.read(model.id, spec.name);
    if (!bytes) return undefined;
    files[spec.name] = bytes;
  }
  return files;
}

/** Caches files picked from disk (config.json + weights) under `modelId`, replacing what was there. */
export async function cacheLocalFiles(modelId: string, picked: { name: string; bytes: Uint8Array }[], store: ModelFileStore): Promise<void> {
  const names = picked.map((f) => f.name);
  if (!names.includes('config.json')) throw new Error(`pick the model's config.json together with its weights (got ${names.join(', ') || 'nothing'})`);
  if (!names.some((n) => n.endsWith('.safetensors') || n.endsWith('.onnx'))) throw new Error('pick a .safetensors or .onnx weights file together with config.json');
  await store.remove(modelId);
  for (const { name, bytes } of picked) {
    await store.write({ modelId, file: name, size: bytes.byteLength, sha256: await sha256Hex(bytes), cachedAt: new Date().toISOString() }, bytes);
  }
}

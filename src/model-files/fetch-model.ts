/**
 * Makes every file of a model available locally: cached files are read from the store (and used only if
 * they still have the catalog's size and sha256, where it pins them), missing ones
 * are downloaded (with progress, resume, verification) and cached. A model is usable offline once all
 * its files are cached. Bytes of an interrupted download are saved as they arrive, so the next attempt
 * (after a cancel, a network failure or a page reload) continues where it stopped.
 *
 * Before anything downloaded is called "cached", the model's files are checked as loading would check
 * them (config.json valid, the safetensors holding exactly the tensors it implies, no NaN): a file of
 * zeros with the right size is refused. Where the catalog has no sha256, the sha256 of the first good
 * download is remembered and a later download with other bytes is reported through `onWarning`.
 */
import type { RemoteFile, ResolvedModel } from '../../models/catalog';
import { checkModelFiles } from '../core/forecast/model-loader';
import { ModelFileError } from '../core/forecast/model-file-error';
import { throwIfCancelled, type JobOptions } from '../core/jobs/progress';
import { downloadFile, IntegrityError, storing, type DownloadedFile, type DownloadOptions } from './download';
import { sha256Hex } from './sha256';
import type { ModelFileStore } from './store';
import type { TransferStats } from './transfer-meter';

export interface ModelTransfer extends TransferStats {
  file: string;
  /** 0-based index of the file being fetched, and how many there are. */
  fileIndex: number;
  fileCount: number;
}

export interface FetchModelOptions
  extends JobOptions, Pick<DownloadOptions, 'fetchImpl' | 'maxRetries' | 'retryDelayMs' | 'checkpointBytes' | 'headersTimeoutMs' | 'stallTimeoutMs'> {
  onTransfer?: (transfer: ModelTransfer) => void;
  /** Something the user should know although the download succeeded (e.g. the file changed upstream). */
  onWarning?: (message: string) => void;
}

/** Name -> bytes of each file of the model. */
export type ModelFiles = Record<string, Uint8Array>;

export async function fetchModelFiles(model: ResolvedModel, store: ModelFileStore, options: FetchModelOptions = {}): Promise<ModelFiles> {
  const files: ModelFiles = {};
  const weights: { name: string; download: DownloadedFile }[] = [];
  options.onProgress?.({ status: 'start', kind: 'download', label: `Downloading ${model.label}` });
  for (const [fileIndex, spec] of model.files.entries()) {
    throwIfCancelled(options.signal);
    const cached = await store.read(model.id, spec.name);
    if (cached && (await matchesSpec(model, spec, cached, options.onWarning))) {
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
    files[spec.name] = download.bytes;
    // Weights are kept only once the whole model passes the checks; other files (config.json) at once,
    // so a download cut short is listed as incomplete and can be deleted.
    if (isWeights(spec.name)) weights.push({ name: spec.name, download });
    else await keep(model, spec.name, download, store, options.onWarning);
  }
  if (weights.length) {
    await checkDownloadedModel(model, files, store);
    for (const { name, download } of weights) await keep(model, name, download, store, options.onWarning);
  }
  options.onProgress?.({ status: 'done' });
  return files;
}

/**
 * A cached file is used only if it still has the size and sha256 the catalog pins (when it pins them): bytes
 * cached for another revision, or damaged since, are downloaded again (and the download replaces them).
 */
async function matchesSpec(model: ResolvedModel, spec: RemoteFile, cached: Uint8Array, warn?: (message: string) => void): Promise<boolean> {
  const sizeOk = !(spec.sizeExact ?? spec.size !== null) || cached.byteLength === spec.size;
  const sha256 = sizeOk && spec.sha256 ? await sha256Hex(cached) : undefined;
  if (sizeOk && sha256 === (spec.sha256?.toLowerCase() ?? undefined)) return true;
  warn?.(`${model.label}: the cached ${spec.name} is not the catalog's file (${cached.byteLength} bytes` +
    `${sha256 ? `, sha256 ${sha256.slice(0, 12)}...` : ''}; expected ${spec.size} bytes, sha256 ${spec.sha256?.slice(0, 12)}...): downloading it again`);
  return false;
}

const isWeights = (name: string) => /\.(safetensors|onnx)$/.test(name);

async function keep(model: ResolvedModel, name: string, download: DownloadedFile, store: ModelFileStore, onWarning?: (message: string) => void): Promise<void> {
  await storing(() => store.write({ modelId: model.id, file: name, size: download.bytes.byteLength, sha256: download.sha256, cachedAt: new Date().toISOString() }, download.bytes));
  await store.removePartial(model.id, name);
  await compareWithFirstDownload(model, name, download.sha256, store, onWarning);
}

/** Refuses files that would not load, so a model is never shown as cached (usable offline) when it is not. */
async function checkDownloadedModel(model: ResolvedModel, files: ModelFiles, store: ModelFileStore): Promise<void> {
  const weightsName = model.files.map((f) => f.name).find((n) => n.endsWith('.safetensors'));
  try {
    if (!files['config.json']) throw new ModelFileError('config.json', 'missing: a model needs its config.json');
    checkModelFiles({ configJson: new TextDecoder().decode(files['config.json']), weights: weightsName ? files[weightsName] : undefined });
  } catch (error) {
    if (!(error instanceof ModelFileError)) throw error;
    // The saved bytes are the bad file: a later attempt must download it afresh. A bad config.json is
    // dropped too; with a good one the model stays listed as incomplete.
    if (error.file === 'config.json') await store.remove(model.id);
    for (const spec of model.files) await store.removePartial(model.id, spec.name);
    throw new ModelFileError(error.file, `${error.detail}; the download of ${model.label} was not kept`);
  }
}

/** Trust on first use where the catalog pins no sha256: a later download with other bytes is worth a warning. */
async function compareWithFirstDownload(model: ResolvedModel, file: string, sha256: string, store: ModelFileStore, warn?: (message: string) => void): Promise<void> {
  const first = await store.firstSha256(model.id, file);
  if (!first) {
    await storing(() => store.rememberFirstSha256(model.id, file, sha256));
    return;
  }
  if (first !== sha256) {
    warn?.(`${model.label}: ${file} differs from the first download on this device (sha256 ${sha256.slice(0, 12)}..., first ${first.slice(0, 12)}...): the file changed upstream, or one of the downloads was tampered with`);
  }
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

/** Caches files picked from disk (config.json + weights) under `modelId`, replacing what was there, once they pass the same checks as a download. */
export async function cacheLocalFiles(modelId: string, picked: { name: string; bytes: Uint8Array }[], store: ModelFileStore): Promise<void> {
  const names = picked.map((f) => f.name);
  if (!names.includes('config.json')) throw new Error(`pick the model's config.json together with its weights (got ${names.join(', ') || 'nothing'})`);
  if (!names.some((n) => n.endsWith('.safetensors') || n.endsWith('.onnx'))) throw new Error('pick a .safetensors or .onnx weights file together with config.json');
  const weights = picked.find((f) => f.name.endsWith('.safetensors'))?.bytes;
  checkModelFiles({ configJson: new TextDecoder().decode(picked.find((f) => f.name === 'config.json')!.bytes), weights });
  await store.remove(modelId);
  for (const { name, bytes } of picked) {
    await storing(async () => store.write({ modelId, file: name, size: bytes.byteLength, sha256: await sha256Hex(bytes), cachedAt: new Date().toISOString() }, bytes));
  }
}

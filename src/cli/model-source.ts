/**
 * What the CLI's `--model` names, read into memory: a checkpoint directory, a URL prefix, a catalog
 * id such as `amazon/chronos-2` (fetched from Hugging Face at the catalog's pinned revision, with its
 * size and sha256 checks, as the app does, and kept in the model cache, model-cache.ts) or, for
 * backtests, a baseline such as `baseline:drift`. A directory is read where it is, never copied; a URL
 * prefix is downloaded on every run (it pins no sha256, so a cached copy could silently go stale).
 * Each place holds config.json plus model.safetensors, or model.onnx when there are no safetensors.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalog, resolveSource, type ResolvedModel } from '../../models/catalog';
import { createBaselines } from '../core/forecast/baselines';
import { loadForecaster, parseConfigJson, type ModelFiles } from '../core/forecast/model-loader';
import { ModelFileError } from '../core/forecast/model-file-error';
import { modelIdentity } from '../core/forecast/store-key';
import type { Forecaster } from '../core/forecast/types';
import { downloadFile, HttpError, NetworkError } from '../model-files/download';
import { fetchModelFiles } from '../model-files/fetch-model';
import { MemoryModelFileStore, type ModelFileStore } from '../model-files/store';
import { CliError, type ParsedArgs } from './args';
import { defaultModelCacheDirectory, DirectoryModelFileStore } from './model-cache';
import type { NodeRuntime } from './onnx-runtime';

type ReadFile = (name: string) => Promise<Uint8Array | undefined>;

function directoryReader(dir: string): ReadFile {
  return async (name) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
}

/** Attempts after the first for one file of a `--model URL` (resumed where the bytes stopped). */
const URL_RETRIES = 2;

export interface ModelDownloadOptions {
  /** Milliseconds without a byte (or without response headers) before an attempt is given up (default 30 s). */
  stallTimeoutMs?: number;
  /** Where catalog models are kept between runs (openModelCache); without it they are downloaded into memory. */
  cache?: ModelFileStore;
}

/**
 * Files under a URL prefix, downloaded with the app's downloader: a server that sends nothing for
 * `stallTimeoutMs` is given up on (the attempt resumes with a Range request, at most URL_RETRIES times), so a
 * stalled server ends in an error naming the file instead of hanging. The bytes stay in memory; nothing is
 * written to disk, so a failed download leaves no partial file.
 */
function urlReader(prefix: string, fetchImpl: typeof fetch, { stallTimeoutMs = 30_000 }: ModelDownloadOptions): ReadFile {
  return async (name) => {
    const url = `${prefix.replace(/\/+$/, '')}/${name}`;
    try {
      const file = await downloadFile(url, { fetchImpl, maxRetries: URL_RETRIES, headersTimeoutMs: stallTimeoutMs, stallTimeoutMs });
      return file.bytes;
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return undefined;
      // After the retries the last attempt's error (a stall, a refused connection) says what happened.
      const why = error instanceof NetworkError && error.cause instanceof Error ? `${error.cause.message}, tried ${URL_RETRIES + 1} times` : (error as Error).message;
      throw new CliError(`--model ${prefix}: ${name}: ${why}`);
    }
  };
}

/**
 * A catalog entry with its files' URLs. HF_ENDPOINT (the Hugging Face tools' variable) points them at a
 * mirror of huggingface.co that has the same /<repo>/resolve/<revision>/<file> layout.
 */
function catalogModel(id: string): ResolvedModel {
  const model = resolveSource({ type: 'catalog', id });
  const endpoint = process.env.HF_ENDPOINT?.replace(/\/+$/, '');
  if (!endpoint) return model;
  return { ...model, files: model.files.map((f) => ({ ...f, url: f.url.replace(/^https:\/\/huggingface\.co(?=\/)/, endpoint) })) };
}

/**
 * Every file of a catalog model, from the model cache when it is there (checked against the catalog's sizes
 * and sha256 by fetchModelFiles), else downloaded, verified and kept in the cache for the next run.
 */
async function catalogReader(id: string, fetchImpl: typeof fetch, cache: ModelFileStore | undefined): Promise<ReadFile> {
  const model = catalogModel(id);
  const listed = new Set(cache ? (await cache.list()).filter((f) => f.modelId === model.id).map((f) => f.file) : []);
  const where = cache instanceof DirectoryModelFileStore ? ` (model cache ${cache.directory})` : '';
  process.stderr.write(model.files.every((f) => listed.has(f.name))
    ? `using cached ${model.label}${where}\n`
    : `downloading ${model.label} from ${model.files[0].url.replace(/[^/]+$/, '')}${where}\n`);
  try {
    const files = await fetchModelFiles(model, cache ?? new MemoryModelFileStore(), { fetchImpl, maxRetries: 3, onWarning: warn });
    return async (name) => files[name];
  } catch (error) {
    throw new CliError(`--model ${id}: ${(error as Error).message}`);
  }
}

const warn = (message: string) => process.stderr.write(`warning: ${message}\n`);

/** The model cache the options ask for: `--model-cache DIR`, the default directory, or none with `--no-model-cache`. */
export function openModelCache(args: ParsedArgs): DirectoryModelFileStore | undefined {
  if (args.flags.has('no-model-cache')) {
    if (args.values['model-cache']) throw new CliError('--no-model-cache cannot be combined with --model-cache');
    return undefined;
  }
  return new DirectoryModelFileStore(args.values['model-cache'] ?? defaultModelCacheDirectory(), warn);
}

export async function readModelFiles(location: string, fetchImpl: typeof fetch = fetch, download: ModelDownloadOptions = {}): Promise<ModelFiles> {
  const get = catalog.some((m) => m.id === location)
    ? await catalogReader(location, fetchImpl, download.cache)
    : /^https?:\/\//i.test(location)
      ? urlReader(location, fetchImpl, download)
      : directoryReader(location);
  const config = await get('config.json');
  if (!config) throw new CliError(`--model ${location}: no config.json there`);
  const configJson = asCliError(location, () => parseConfigJson(new TextDecoder().decode(config)));
  const weights = await get('model.safetensors');
  const onnx = weights ? undefined : await get('model.onnx');
  if (!weights && !onnx) throw new CliError(`--model ${location}: neither model.safetensors nor model.onnx found`);
  return { configJson, weights, onnx };
}

export interface CliForecaster {
  forecaster: Forecaster;
  /** The model's identity in the forecast store: catalog id + revision, baseline id, or the checkpoint's sha256. */
  identity: string;
}

/** A forecaster for `--model`: a baseline by id, else a checkpoint read as above and run on `runtime`. */
export async function loadCliForecaster(location: string, runtime: NodeRuntime, download: ModelDownloadOptions = {}): Promise<CliForecaster> {
  if (location.startsWith('baseline:')) {
    const found = createBaselines().find((f) => f.info.id === location);
    if (!found) throw new CliError(`unknown baseline "${location}" (${createBaselines().map((f) => f.info.id).join(', ')})`);
    return { forecaster: found, identity: modelIdentity(location, 'builtin') };
  }
  const files = await readModelFiles(location, fetch, download);
  const forecaster = await asCliError(location, () => loadForecaster(runtime.ort, files, { executionProviders: runtime.executionProviders }));
  const entry = catalog.find((m) => m.id === location);
  return { forecaster, identity: entry ? modelIdentity(entry.id, entry.revision) : modelIdentity(forecaster.info.id, `sha256:${checkpointSha256(files)}`) };
}

/** sha256 of config.json (as parsed, re-serialised) and the weights: a local checkpoint's identity. */
function checkpointSha256(files: ModelFiles): string {
  const hash = createHash('sha256').update(JSON.stringify(files.configJson));
  hash.update((files.weights ?? files.onnx)!);
  return hash.digest('hex');
}

/**
 * A problem with the model's files (ModelFileError: bad config.json, a checkpoint that does not match it,
 * NaN forecasts) is the user's input, so the CLI reports it as one line naming `--model`, not a stack trace.
 */
export function asCliError<T>(location: string, body: () => T): T {
  const convert = (error: unknown): never => {
    if (error instanceof ModelFileError) throw new CliError(`--model ${location}: ${error.message}`);
    throw error;
  };
  try {
    const result = body();
    return (result instanceof Promise ? result.catch(convert) : result) as T;
  } catch (error) {
    return convert(error);
  }
}

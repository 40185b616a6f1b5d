/**
 * What the CLI's `--model` names, read into memory: a checkpoint directory, a URL prefix, a catalog
 * id such as `amazon/chronos-2` (fetched from Hugging Face at the catalog's pinned revision, with its
 * size and sha256 checks, as the app does) or, for backtests, a baseline such as `baseline:drift`.
 * Each place holds config.json plus model.safetensors, or model.onnx when there are no safetensors.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalog, resolveSource } from '../../models/catalog';
import { createBaselines } from '../core/forecast/baselines';
import { loadForecaster, type ModelFiles } from '../core/forecast/model-loader';
import { modelIdentity } from '../core/forecast/store-key';
import type { Forecaster } from '../core/forecast/types';
import { fetchModelFiles } from '../model-files/fetch-model';
import { MemoryModelFileStore } from '../model-files/store';
import { CliError } from './args';
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

function urlReader(prefix: string, fetchImpl: typeof fetch): ReadFile {
  return async (name) => {
    const url = `${prefix.replace(/\/+$/, '')}/${name}`;
    const response = await fetchImpl(url);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new CliError(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/** Every file of a catalog model, downloaded and verified (a wrong size or sha256 is refused). */
async function catalogReader(id: string, fetchImpl: typeof fetch): Promise<ReadFile> {
  const model = resolveSource({ type: 'catalog', id });
  process.stderr.write(`downloading ${model.label} from ${model.files[0].url.replace(/[^/]+$/, '')}\n`);
  try {
    const files = await fetchModelFiles(model, new MemoryModelFileStore(), { fetchImpl, maxRetries: 3 });
    return async (name) => files[name];
  } catch (error) {
    throw new CliError(`--model ${id}: ${(error as Error).message}`);
  }
}

export async function readModelFiles(location: string, fetchImpl: typeof fetch = fetch): Promise<ModelFiles> {
  const get = catalog.some((m) => m.id === location)
    ? await catalogReader(location, fetchImpl)
    : /^https?:\/\//i.test(location)
      ? urlReader(location, fetchImpl)
      : directoryReader(location);
  const config = await get('config.json');
  if (!config) throw new CliError(`--model ${location}: no config.json there`);
  let configJson: Record<string, unknown>;
  try {
    configJson = JSON.parse(new TextDecoder().decode(config));
  } catch (error) {
    throw new CliError(`--model ${location}: config.json is not valid JSON (${(error as Error).message})`);
  }
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
export async function loadCliForecaster(location: string, runtime: NodeRuntime): Promise<CliForecaster> {
  if (location.startsWith('baseline:')) {
    const found = createBaselines().find((f) => f.info.id === location);
    if (!found) throw new CliError(`unknown baseline "${location}" (${createBaselines().map((f) => f.info.id).join(', ')})`);
    return { forecaster: found, identity: modelIdentity(location, 'builtin') };
  }
  const files = await readModelFiles(location);
  const forecaster = await loadForecaster(runtime.ort, files, { executionProviders: runtime.executionProviders });
  const entry = catalog.find((m) => m.id === location);
  return { forecaster, identity: entry ? modelIdentity(entry.id, entry.revision) : modelIdentity(forecaster.info.id, `sha256:${checkpointSha256(files)}`) };
}

/** sha256 of config.json (as parsed, re-serialised) and the weights: a local checkpoint's identity. */
function checkpointSha256(files: ModelFiles): string {
  const hash = createHash('sha256').update(JSON.stringify(files.configJson));
  hash.update((files.weights ?? files.onnx)!);
  return hash.digest('hex');
}

/**
 * Forecasters the worker can run, by id: the baselines (always there) and every cached model,
 * loaded from the cache on first use and kept per backend.
 */
import { catalog } from '../../models/catalog';
import { storedForecaster, type StoredForecaster } from '../../src/core/forecast/forecast-store';
import { loadForecaster } from '../../src/core/forecast/model-loader';
import { modelIdentity } from '../../src/core/forecast/store-key';
import type { Forecaster, ForecasterInfo } from '../../src/core/forecast/types';
import { readableModelName } from '../../src/model-files/model-name';
import type { CachedModel, ModelFileStore } from '../../src/model-files/store';
import { userBaselines } from '../../src/store/app-settings';
import { getQuantDb } from '../../src/store/db';
import { IndexedDbForecastStore } from '../../src/store/forecast-store';
import { executionProviders, type BackendChoice } from './backend';
import { onnxRuntime } from './runtime';

const loaded = new Map<string, Promise<Forecaster>>();

/** Read on every call, so a seasonal-naive period changed in Settings applies at once. */
async function baselines(): Promise<Forecaster[]> {
  return userBaselines(await getQuantDb());
}

export async function baselineInfos(): Promise<ForecasterInfo[]> {
  return (await baselines()).map((f) => f.info);
}

/** Weights and config of a cached model, as `loadForecaster` takes them. */
export async function cachedModelFiles(store: ModelFileStore, modelId: string): Promise<{ configJson: Record<string, unknown>; weights?: Uint8Array; onnx?: Uint8Array }> {
  const names = (await store.list()).filter((f) => f.modelId === modelId).map((f) => f.file);
  const read = async (name: string | undefined) => (name === undefined ? undefined : store.read(modelId, name));
  const config = await read('config.json');
  if (!config) throw new Error(`model "${modelId}" is not cached (download it or pick its files first)`);
  const weights = await read(names.find((n) => n.endsWith('.safetensors')));
  const onnx = weights ? undefined : await read(names.find((n) => n.endsWith('.onnx')));
  if (!weights && !onnx) throw new Error(`model "${modelId}" has a config.json but no weights in the cache`);
  return { configJson: JSON.parse(new TextDecoder().decode(config)), weights, onnx };
}

export async function forecasterById(id: string, store: ModelFileStore, choice: BackendChoice): Promise<Forecaster> {
  if (id.startsWith('baseline:')) {
    const baseline = (await baselines()).find((f) => f.info.id === id);
    if (!baseline) throw new Error(`unknown baseline "${id}" (the seasonal-naive period may have changed in Settings)`);
    return baseline;
  }
  const key = `${choice.backend}|${id}`;
  let forecaster = loaded.get(key);
  if (!forecaster) {
    forecaster = (async () => {
      const { ort } = onnxRuntime(choice.threads);
      const files = await cachedModelFiles(store, id);
      const label = await cachedModelName(store, id);
      try {
        return await loadForecaster(ort, files, { executionProviders: executionProviders(choice), id, label });
      } catch (error) {
        throw new Error(modelLoadFailure(label, choice.backend, error), { cause: error });
      }
    })();
    loaded.set(key, forecaster);
    forecaster.catch(() => loaded.delete(key));
  }
  return forecaster;
}

/** A cached model as people see it: its name plus what the cache tables show. */
export interface NamedCachedModel extends CachedModel {
  name: string;
}

/** The readable name of a cached model (model-name.ts), from its config.json, weights size and the user's name. */
export async function cachedModelName(store: ModelFileStore, modelId: string, model?: CachedModel): Promise<string> {
  const files = model?.files ?? (await store.list()).filter((f) => f.modelId === modelId);
  const bytes = await store.read(modelId, 'config.json');
  let config: Record<string, unknown> | undefined;
  try {
    config = bytes ? JSON.parse(new TextDecoder().decode(bytes)) : undefined;
  } catch {
    config = undefined; // named from its id; loading it says what is wrong with the file
  }
  const weightsBytes = files.find((f) => f.file.endsWith('.safetensors'))?.size;
  return readableModelName({ modelId, config, weightsBytes, userName: files.find((f) => f.name)?.name });
}

/** Forgets (and releases) every loaded session of a model, e.g. after deleting it from the cache. */
export async function unloadModel(id: string): Promise<void> {
  identities.delete(id);
  for (const [key, forecaster] of loaded) {
    if (key.endsWith(`|${id}`)) {
      loaded.delete(key);
      await (await forecaster.catch(() => undefined))?.dispose?.();
    }
  }
}

/**
 * One sentence for a model that would not start: onnxruntime's own text ("Can't create a session.
 * ERROR_CODE: 1, ERROR_MESSAGE: ...") is cut to its reason; the full error stays in `cause`.
 */
export function modelLoadFailure(label: string, backend: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const reason = raw.replace(/^Can't create a session\.\s*(ERROR_CODE: \d+, ERROR_MESSAGE: )?/, '').trim() || raw;
  return `The model "${label}" could not be started on ${backend.toUpperCase()}: ${reason}. Try again; if it keeps failing, reload the page or delete and re-download the model.`;
}

const identities = new Map<string, Promise<string>>();

/**
 * A model's identity in the forecast store: catalog id + pinned revision, else the sha256 of its cached
 * config.json and weights (a local import or a Hugging Face branch can change under the same id).
 */
function storeIdentity(id: string, store: ModelFileStore): Promise<string> {
  const entry = catalog.find((m) => m.id === id);
  if (entry) return Promise.resolve(modelIdentity(id, entry.revision));
  let identity = identities.get(id);
  if (!identity) {
    identity = (async () => {
      const config = (await store.read(id, 'config.json'))!;
      const { weights, onnx } = await cachedModelFiles(store, id);
      const bytes = new Uint8Array(config.byteLength + (weights ?? onnx)!.byteLength);
      bytes.set(config);
      bytes.set((weights ?? onnx)!, config.byteLength);
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return modelIdentity(id, `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`);
    })();
    identities.set(id, identity);
    identity.catch(() => identities.delete(id));
  }
  return identity;
}

/**
 * The forecaster of `id` reading and filling the forecast store (IndexedDB), with its own computed/reused
 * tally: make one per job. Baselines are cheap and their settings can change, so they are always computed.
 */
export async function storedForecasterById(id: string, store: ModelFileStore, choice: BackendChoice): Promise<StoredForecaster> {
  const forecaster = await forecasterById(id, store, choice);
  if (id.startsWith('baseline:')) return storedForecaster(forecaster, id, undefined);
  return storedForecaster(forecaster, await storeIdentity(id, store), new IndexedDbForecastStore(await getQuantDb()));
}

/**
 * Forecasters the worker can run, by id: the baselines (always there) and every cached model,
 * loaded from the cache on first use and kept per backend.
 */
import { storedForecaster, type StoredForecaster } from '../../src/core/forecast/forecast-store';
import { loadForecaster } from '../../src/core/forecast/model-loader';
import type { Forecaster, ForecasterInfo } from '../../src/core/forecast/types';
import type { ModelFileStore } from '../../src/model-files/store';
import { userBaselines } from '../../src/store/app-settings';
import { getQuantDb } from '../../src/store/db';
import { IndexedDbForecastStore } from '../../src/store/forecast-store';
import { executionProviders, type BackendChoice } from './backend';
import { cachedModelFiles, cachedModelName } from './cached-model';
import { storeIdentity } from './model-identity';
import { onnxRuntime } from './runtime';

const loaded = new Map<string, Promise<Forecaster>>();

/** Read on every call, so a seasonal-naive period changed in Settings applies at once. */
async function baselines(): Promise<Forecaster[]> {
  return userBaselines(await getQuantDb());
}

export async function baselineInfos(): Promise<ForecasterInfo[]> {
  return (await baselines()).map((f) => f.info);
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

/** Forgets (and releases) every loaded session of a model, e.g. after deleting it from the cache. */
export async function unloadModel(id: string): Promise<void> {
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

/**
 * The forecaster of `id` reading and filling the forecast store (IndexedDB), with its own computed/reused
 * tally: make one per job. Baselines are cheap and their settings can change, so they are always computed.
 */
export async function storedForecasterById(id: string, store: ModelFileStore, choice: BackendChoice): Promise<StoredForecaster> {
  const forecaster = await forecasterById(id, store, choice);
  if (id.startsWith('baseline:')) return storedForecaster(forecaster, id, undefined);
  return storedForecaster(forecaster, await storeIdentity(id, store), new IndexedDbForecastStore(await getQuantDb()));
}

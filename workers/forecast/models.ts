/**
 * Forecasters the worker can run, by id: the baselines (always there) and every cached model,
 * loaded from the cache on first use and kept per backend.
 */
import { catalog } from '../../models/catalog';
import { createBaselines } from '../../src/core/forecast/baselines';
import { loadForecaster } from '../../src/core/forecast/model-loader';
import type { Forecaster, ForecasterInfo } from '../../src/core/forecast/types';
import type { ModelFileStore } from '../../src/model-files/store';
import { executionProviders, type BackendChoice } from './backend';
import { onnxRuntime } from './runtime';

const baselines = new Map(createBaselines().map((f) => [f.info.id, f]));
const loaded = new Map<string, Promise<Forecaster>>();

export function baselineInfos(): ForecasterInfo[] {
  return [...baselines.values()].map((f) => f.info);
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
  const baseline = baselines.get(id);
  if (baseline) return baseline;
  const key = `${choice.backend}|${id}`;
  let forecaster = loaded.get(key);
  if (!forecaster) {
    forecaster = (async () => {
      const { ort } = onnxRuntime(choice.threads);
      return loadForecaster(ort, await cachedModelFiles(store, id), { executionProviders: executionProviders(choice), id, label: catalog.find((m) => m.id === id)?.label ?? id });
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

/**
 * Reading one model from the model file cache (the browser's `BrowserModelFileStore`): its files as the
 * core's loader takes them and its readable name. config.json is parsed by the core (model-loader.ts).
 */
import { parseConfigJson } from '../../src/core/forecast/model-loader';
import type { ModelFiles } from '../../src/core/forecast/model-loader';
import { BrowserModelFileStore } from '../../src/model-files/cache-store';
import { readableModelName } from '../../src/model-files/model-name';
import type { CachedModel, ModelFileStore } from '../../src/model-files/store';

/** The cache this worker reads and fills. */
export const modelStore: ModelFileStore = new BrowserModelFileStore();

/** A cached model as people see it: its name plus what the cache tables show. */
export interface NamedCachedModel extends CachedModel {
  name: string;
}

/** config.json (as text: the loader parses it) and the weights of a cached model, as `loadForecaster` takes them. */
export async function cachedModelFiles(store: ModelFileStore, modelId: string): Promise<ModelFiles> {
  const names = (await store.list()).filter((f) => f.modelId === modelId).map((f) => f.file);
  const read = async (name: string | undefined) => (name === undefined ? undefined : store.read(modelId, name));
  const config = await read('config.json');
  if (!config) throw new Error(`model "${modelId}" is not cached (download it or pick its files first)`);
  const weights = await read(names.find((n) => n.endsWith('.safetensors')));
  const onnx = weights ? undefined : await read(names.find((n) => n.endsWith('.onnx')));
  if (!weights && !onnx) throw new Error(`model "${modelId}" has a config.json but no weights in the cache`);
  return { configJson: new TextDecoder().decode(config), weights, onnx };
}

/** The readable name of a cached model (model-name.ts), from its config.json, weights size and the user's name. */
export async function cachedModelName(store: ModelFileStore, modelId: string, model?: CachedModel): Promise<string> {
  const files = model?.files ?? (await store.list()).filter((f) => f.modelId === modelId);
  const bytes = await store.read(modelId, 'config.json');
  let config: Record<string, unknown> | undefined;
  try {
    config = bytes ? parseConfigJson(new TextDecoder().decode(bytes)) : undefined;
  } catch {
    config = undefined; // named from its id; loading it says what is wrong with the file
  }
  const weightsBytes = files.find((f) => f.file.endsWith('.safetensors'))?.size;
  return readableModelName({ modelId, config, weightsBytes, userName: files.find((f) => f.name)?.name });
}

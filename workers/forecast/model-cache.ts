/** The model cache as the Forecasts tab manages it: list, name, delete, and models picked from local files. */
import { cacheLocalFiles } from '../../src/model-files/fetch-model';
import { groupByModel } from '../../src/model-files/store';
import { cachedModelName, modelStore, type NamedCachedModel } from './cached-model';
import { unloadModel } from './models';

export const modelCacheApi = {
  /** Every cached model, complete or cut short, with its readable name (for the cache table and menus). */
  async cachedModels(): Promise<NamedCachedModel[]> {
    return Promise.all(groupByModel(await modelStore.list()).map(async (m) => ({ ...m, name: await cachedModelName(modelStore, m.modelId, m) })));
  },

  /** The cached models that can forecast, with their readable names (for menus and legends). */
  async usableModels(): Promise<{ id: string; name: string }[]> {
    return (await modelCacheApi.cachedModels()).filter((m) => m.complete).map((m) => ({ id: m.modelId, name: m.name }));
  },

  /** Names a cached model ('' returns to the readable default); loaded sessions are dropped so labels follow. */
  async renameModel(modelId: string, name: string): Promise<void> {
    if (!(await modelStore.rename(modelId, name))) throw new Error(`model "${modelId}" is not cached, so it cannot be renamed`);
    await unloadModel(modelId);
  },

  async deleteModel(modelId: string): Promise<void> {
    await unloadModel(modelId);
    await modelStore.remove(modelId);
  },

  async importLocal(modelId: string, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    await unloadModel(modelId);
    await cacheLocalFiles(modelId, files, modelStore);
  },
};

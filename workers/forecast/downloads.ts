/**
 * Getting a model: downloading every file into the cache (with progress, resume and checks, see
 * src/model-files/fetch-model.ts), and what its config.json alone tells before the weights are fetched:
 * its family and quantile levels, and its speed on this device (speed-probe.ts).
 */
import { resolveSource, type ModelSource } from '../../models/catalog';
import { describeModelConfig, parseConfigJson, type ModelDescription } from '../../src/core/forecast/model-loader';
import type { ProgressListener } from '../../src/core/jobs/progress';
import { fetchModelFiles, type ModelTransfer } from '../../src/model-files/fetch-model';
import { withJob } from '../shared/jobs';
import { currentBackend, executionProviders } from './backend';
import { modelStore } from './cached-model';
import { onnxRuntime } from './runtime';
import { estimateSpeed, type SpeedEstimate } from './speed-probe';

/** Fetches a file's bytes in the worker (the page's CSP may not allow other origins; downloads happen here anyway). */
export async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    // The browser says only "Failed to fetch" for an unreachable server and for a cross-origin answer it may not read.
    throw new Error(`${url}: could not be read (the server is unreachable, or it does not let this site read its files)`, { cause: error });
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** config.json of a model source, as text: from the cache when it is there, else fetched alone. */
async function configText(source: ModelSource, base: string): Promise<string> {
  const model = resolveSource(source, base);
  const bytes = (await modelStore.read(model.id, 'config.json')) ?? (await fetchBytes(model.files.find((f) => f.name === 'config.json')!.url));
  return new TextDecoder().decode(bytes);
}

export const downloadsApi = {
  /**
   * Downloads (or finds in the cache) every file of a model; returns its cache id. `onWarning`: the
   * download worked but the user should know (e.g. the file differs from the first download).
   */
  async download(jobId: string, source: ModelSource, base: string, onTransfer?: (t: ModelTransfer) => void, onProgress?: ProgressListener, onWarning?: (message: string) => void): Promise<string> {
    const model = resolveSource(source, base);
    return withJob(jobId, async (signal) => {
      await fetchModelFiles(model, modelStore, { signal, onTransfer, onProgress, onWarning });
      return model.id;
    });
  },

  /** Family, quantile levels and context length from the model's config.json (fetched alone, before the weights). */
  async inspect(source: ModelSource, base: string): Promise<ModelDescription> {
    return describeModelConfig(await configText(source, base));
  },

  /** Speed on this device from config.json alone (before downloading the weights); see speed-probe.ts. */
  async estimateSpeed(source: ModelSource, base: string): Promise<SpeedEstimate & { backend: string }> {
    const config = parseConfigJson(await configText(source, base));
    const backend = await currentBackend();
    const { ort } = onnxRuntime(backend.threads);
    const estimate = await estimateSpeed(ort, config, executionProviders(backend));
    return { ...estimate, backend: backend.backend };
  },
};

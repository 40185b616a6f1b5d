/**
 * One entry point from model files to a `Forecaster`, whatever the checkpoint family:
 *
 *   const forecaster = await loadForecaster(ort, { configJson, weights }, { executionProviders: ['wasm'] });
 *   const [forecast] = await forecaster.forecast([{ target }], { horizon: 20 });
 *
 * `ort` is the onnxruntime-web module the caller loaded (Node: 'onnxruntime-web'; a worker: the WASM or
 * WebGPU entry), so the core never picks a backend itself. The family is read from config.json
 * (`chronos_pipeline_class`, then `architectures`).
 */
import { isChronos2Config } from './chronos2/config';
import { Chronos2Forecaster } from './chronos2/forecaster';
import { Chronos2Model, type Ort } from './chronos2/model';
import { Chronos2Pipeline } from './chronos2/pipeline';
import { isBoltConfig } from './bolt/config';
import { loadBoltForecaster } from './bolt/load';
import type { Forecaster } from './types';

export type { Ort };

export interface ModelFiles {
  /** config.json, parsed or as text. */
  configJson: Record<string, unknown> | string;
  /** model.safetensors (float32, bfloat16 or float16); the ONNX graph is built from it. */
  weights?: Uint8Array;
  /** Or a pre-exported .onnx with the family's input/output contract. */
  onnx?: Uint8Array;
}

export interface LoadForecasterOptions {
  /** ORT execution providers in order of preference, e.g. ['webgpu', 'wasm'] (default ['wasm']). */
  executionProviders?: string[];
  /** Identity shown to the user (default: derived from the config). */
  id?: string;
  label?: string;
}

/** A checkpoint family the loader can dispatch to. */
interface ForecasterFamily {
  name: string;
  matches(config: Record<string, unknown>): boolean;
  load(ort: Ort, files: ModelFiles & { configJson: Record<string, unknown> }, options: LoadForecasterOptions): Promise<Forecaster>;
}

const chronos2: ForecasterFamily = {
  name: 'Chronos-2',
  matches: isChronos2Config,
  async load(ort, files, options) {
    const model = await Chronos2Model.create(ort, files, { executionProviders: options.executionProviders });
    const identity = { id: options.id ?? 'chronos-2', label: options.label ?? `Chronos-2 (${model.config.numLayers} layers, d_model ${model.config.dModel})` };
    return new Chronos2Forecaster(new Chronos2Pipeline(model), identity, () => model.release());
  },
};

const chronosBolt: ForecasterFamily = {
  name: 'Chronos-Bolt',
  matches: isBoltConfig,
  load: (ort, files, options) => loadBoltForecaster(ort, files, options),
};

const families: ForecasterFamily[] = [chronos2, chronosBolt];

export async function loadForecaster(ort: Ort, files: ModelFiles, options: LoadForecasterOptions = {}): Promise<Forecaster> {
  let configJson: Record<string, unknown>;
  try {
    configJson = typeof files.configJson === 'string' ? JSON.parse(files.configJson) : files.configJson;
  } catch (error) {
    throw new Error(`config.json is not valid JSON (${(error as Error).message})`);
  }
  const family = families.find((f) => f.matches(configJson));
  if (!family) {
    const kind = String(configJson.chronos_pipeline_class ?? (configJson.architectures as string[] | undefined)?.join(', ') ?? 'unknown');
    throw new Error(`config.json describes "${kind}", which is not a supported model (${families.map((f) => f.name).join(', ')})`);
  }
  if (!files.weights && !files.onnx) throw new Error(`${family.name}: give model.safetensors or a .onnx file`);
  return family.load(ort, { ...files, configJson }, options);
}

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
import { chronos2TensorShapes } from './chronos2/checkpoint-layout';
import { isChronos2Config, parseChronos2Config } from './chronos2/config';
import { Chronos2Forecaster } from './chronos2/forecaster';
import { Chronos2Model, type Ort } from './chronos2/model';
import { Chronos2Pipeline } from './chronos2/pipeline';
import { boltTensorShapes } from './bolt/checkpoint-layout';
import { isBoltConfig, parseBoltConfig } from './bolt/config';
import { readCheckpoint } from './checkpoint-check';
import { loadBoltForecaster } from './bolt/load';
import { ModelFileError } from './model-file-error';
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
  /** The validated config's tensors, [name, shape] (throws ModelFileError for a bad config). */
  layout(config: Record<string, unknown>): [string, number[]][];
  /** The validated config's quantile levels and context length. */
  describe(config: Record<string, unknown>): { levels: number[]; contextLength: number };
  load(ort: Ort, files: ModelFiles & { configJson: Record<string, unknown> }, options: LoadForecasterOptions): Promise<Forecaster>;
}

const chronos2: ForecasterFamily = {
  name: 'Chronos-2',
  matches: isChronos2Config,
  layout: (config) => chronos2TensorShapes(parseChronos2Config(config)),
  describe: (config) => {
    const { quantiles, contextLength } = parseChronos2Config(config);
    return { levels: quantiles, contextLength };
  },
  async load(ort, files, options) {
    const model = await Chronos2Model.create(ort, files, { executionProviders: options.executionProviders });
    const identity = { id: options.id ?? 'chronos-2', label: options.label ?? `Chronos-2 (${model.config.numLayers} layers, d_model ${model.config.dModel})` };
    return new Chronos2Forecaster(new Chronos2Pipeline(model), identity, () => model.release());
  },
};

const chronosBolt: ForecasterFamily = {
  name: 'Chronos-Bolt',
  matches: isBoltConfig,
  layout: (config) => boltTensorShapes(parseBoltConfig(config)),
  describe: (config) => {
    const { quantiles, contextLength } = parseBoltConfig(config);
    return { levels: quantiles, contextLength };
  },
  load: (ort, files, options) => loadBoltForecaster(ort, files, options),
};

const families: ForecasterFamily[] = [chronos2, chronosBolt];

export async function loadForecaster(ort: Ort, files: ModelFiles, options: LoadForecasterOptions = {}): Promise<Forecaster> {
  const configJson = parseConfigJson(files.configJson);
  const family = familyOf(configJson);
  if (!files.weights && !files.onnx) throw new ModelFileError('model.safetensors', `${family.name}: give model.safetensors or a .onnx file`);
  return family.load(ort, { ...files, configJson }, options);
}

/** config.json as text or parsed: it must be a JSON object (a model config is never an array or a number). */
export function parseConfigJson(config: Record<string, unknown> | string): Record<string, unknown> {
  let value: unknown = config;
  if (typeof config === 'string') {
    try {
      value = JSON.parse(config);
    } catch (error) {
      throw new ModelFileError('config.json', `not valid JSON (${(error as Error).message.slice(0, 120)})`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ModelFileError('config.json', 'expected a JSON object');
  return value as Record<string, unknown>;
}

/** What a model's config.json says, for the user: its family, quantile levels and context length (throws ModelFileError for a bad config). */
export interface ModelDescription {
  family: string;
  levels: number[];
  contextLength: number;
}

export function describeModelConfig(config: Record<string, unknown> | string): ModelDescription {
  const configJson = parseConfigJson(config);
  const family = familyOf(configJson);
  return { family: family.name, ...family.describe(configJson) };
}

function familyOf(configJson: Record<string, unknown>): ForecasterFamily {
  const family = families.find((f) => f.matches(configJson));
  if (family) return family;
  const architectures = Array.isArray(configJson.architectures) ? configJson.architectures.join(', ') : undefined;
  const kind = String(configJson.chronos_pipeline_class ?? architectures ?? 'unknown').slice(0, 80);
  throw new ModelFileError('config.json', `describes "${kind}", which is not a supported model (${families.map((f) => f.name).join(', ')})`);
}

/**
 * Checks a model's files without building anything (what loading checks first, plus the weight scan):
 * config.json valid for its family and, for safetensors weights, exactly the tensors it implies with no
 * NaN/Infinity. Run once when files are downloaded or picked, before they count as cached.
 * A pre-exported .onnx cannot be checked tensor by tensor; its forecasts are checked when it runs.
 */
export function checkModelFiles(files: ModelFiles): void {
  const configJson = parseConfigJson(files.configJson);
  const layout = familyOf(configJson).layout(configJson);
  if (files.weights) readCheckpoint(files.weights, layout, { scanWeights: true });
}

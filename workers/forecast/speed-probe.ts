/**
 * How fast a model will forecast on this device, before downloading it: from the model's config.json
 * alone. Copies of the model with its real width but 1 and 2 layers (zero weights: arithmetic costs the
 * same whatever the values) are built and timed on a 512-bar context, and the time is extrapolated
 * linearly to the real depth: t(L) = t1 + (L - 1)(t2 - t1). Memory stays small even for large models.
 * `timeForecaster` times a model already loaded (Settings > Diagnostics).
 */
import { boltTensorShapes } from '../../models/recipes/bolt-random-checkpoint';
import { isBoltConfig, parseBoltConfig } from '../../src/core/forecast/bolt/config';
import { chronos2TensorShapes } from '../../src/core/forecast/chronos2/checkpoint-layout';
import { parseChronos2Config } from '../../src/core/forecast/chronos2/config';
import { DEFAULT_HORIZON } from '../../src/core/forecast/defaults';
import { loadForecaster, type Ort } from '../../src/core/forecast/model-loader';
import { writeSafetensors, type TensorToWrite } from '../../src/core/onnx/safetensors';
import type { Forecaster } from '../../src/core/forecast/types';

/** Forecasts of this many bars, `DEFAULT_HORIZON` days ahead, are timed. */
export const PROBE_CONTEXT = 512;

export interface SpeedEstimate {
  msPerForecast: number;
  /** Layers of the real model the estimate was extrapolated to. */
  layers: number;
  contextLength: number;
  horizon: number;
}

function zeroCheckpoint(shapes: [string, number[]][]): Uint8Array {
  const tensors: Record<string, TensorToWrite> = {};
  for (const [name, shape] of shapes) tensors[name] = { data: new Float32Array(shape.reduce((a, b) => a * b, 1)), shape, dtype: 'F32' };
  return writeSafetensors(tensors);
}

/** The config with `layers` encoder (and decoder) layers, and its zero weights. */
function shallowCopy(config: Record<string, unknown>, layers: number): { configJson: Record<string, unknown>; weights: Uint8Array } {
  const configJson = { ...config, num_layers: layers, ...(isBoltConfig(config) ? { num_decoder_layers: layers } : {}) };
  const shapes = isBoltConfig(configJson) ? boltTensorShapes(parseBoltConfig(configJson)) : chronos2TensorShapes(parseChronos2Config(configJson));
  return { configJson, weights: zeroCheckpoint(shapes) };
}

/**
 * Milliseconds per forecast of a loaded forecaster: the median of three forecasts of a 512-bar random walk
 * (the pipeline does the same work for any values), after one warm-up run (first-run allocations).
 */
export async function timeForecaster(forecaster: Forecaster): Promise<number> {
  let level = 100;
  const target = Float64Array.from({ length: PROBE_CONTEXT }, (_, i) => (level += Math.sin(i * 12.9898) * 0.5));
  const run = async () => {
    const began = performance.now();
    await forecaster.forecast([{ target }], { horizon: DEFAULT_HORIZON });
    return performance.now() - began;
  };
  await run();
  const times = [await run(), await run(), await run()].sort((a, b) => a - b);
  return times[1];
}

async function timeForecast(ort: Ort, files: { configJson: Record<string, unknown>; weights: Uint8Array }, executionProviders: string[]): Promise<number> {
  const forecaster = await loadForecaster(ort, files, { executionProviders });
  try {
    return await timeForecaster(forecaster);
  } finally {
    await forecaster.dispose?.();
  }
}

export async function estimateSpeed(ort: Ort, config: Record<string, unknown>, executionProviders: string[]): Promise<SpeedEstimate> {
  const layers = Number(config.num_layers);
  if (!Number.isInteger(layers) || layers < 1) throw new Error('config.json has no valid num_layers');
  const one = await timeForecast(ort, shallowCopy(config, 1), executionProviders);
  const two = await timeForecast(ort, shallowCopy(config, 2), executionProviders);
  return { msPerForecast: extrapolateToDepth(one, two, layers), layers, contextLength: PROBE_CONTEXT, horizon: DEFAULT_HORIZON };
}

/** t(L) = t1 + (L - 1)(t2 - t1), never below t1 (timing noise can make t2 < t1). */
export function extrapolateToDepth(oneLayerMs: number, twoLayersMs: number, layers: number): number {
  return Math.max(oneLayerMs, oneLayerMs + (layers - 1) * (twoLayersMs - oneLayerMs));
}

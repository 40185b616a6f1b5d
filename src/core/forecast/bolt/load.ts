import { readCheckpoint } from '../checkpoint-check';
import { boltTensorShapes } from './checkpoint-layout';
import { parseBoltConfig } from './config';
import { ChronosBoltForecaster } from './forecaster';
import { ChronosBoltModel, type Ort } from './model';
import { ChronosBoltPipeline } from './pipeline';

export interface BoltFiles {
  configJson: Record<string, unknown>;
  /** model.safetensors; the graph is built from it. */
  weights?: Uint8Array;
  /** Or a pre-exported graph with the contract of graph.ts (inputs patches/attention_flags/position_buckets). */
  onnx?: Uint8Array;
}

/** The model alone (CLI golden cases, evaluation); `loadBoltForecaster` wraps it for the app. */
export async function loadBoltModel(ort: Ort, files: BoltFiles, executionProviders: string[] = ['wasm']): Promise<ChronosBoltModel> {
  const config = parseBoltConfig(files.configJson);
  const sessionOptions = { executionProviders };
  if (files.weights) return ChronosBoltModel.create(ort, config, readCheckpoint(files.weights, boltTensorShapes(config)), { sessionOptions });
  if (files.onnx) return ChronosBoltModel.fromGraph(ort, config, files.onnx, { sessionOptions });
  throw new Error('Chronos-Bolt: give model.safetensors or a .onnx file');
}

export async function loadBoltForecaster(
  ort: Ort,
  files: BoltFiles,
  options: { executionProviders?: string[]; id?: string; label?: string } = {},
): Promise<ChronosBoltForecaster> {
  const model = await loadBoltModel(ort, files, options.executionProviders);
  const { numEncoderLayers, dModel } = model.config;
  const identity = { id: options.id ?? 'chronos-bolt', label: options.label ?? `Chronos-Bolt (${numEncoderLayers} layers, d_model ${dModel})` };
  return new ChronosBoltForecaster(new ChronosBoltPipeline(model), identity, () => model.dispose());
}

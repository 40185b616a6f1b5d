/**
 * Random Chronos-2 checkpoints of any size, in the Hugging Face layout of amazon/chronos-2 (same tensor
 * names, shapes and safetensors header), for benchmarks that need full-size models without downloading
 * them. Weights are N(0, 1/fan_in), norms 1: activations stay in a realistic range; the numbers mean nothing.
 *
 *   npx tsx models/recipes/chronos2-random-checkpoint.ts models/recipes/chronos2-base.config.json bench-models/chronos2-base
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chronos2TensorShapes } from '../../src/core/forecast/chronos2/checkpoint-layout';
import { parseChronos2Config } from '../../src/core/forecast/chronos2/config';
import { type FloatDtype, type TensorToWrite, writeSafetensors } from '../../src/core/onnx/safetensors';
import { normalSampler } from './bolt-random-checkpoint';

export function randomChronos2Checkpoint(configJson: Record<string, unknown>, seed = 1, dtype: FloatDtype = 'F32'): Uint8Array {
  const normal = normalSampler(seed);
  const tensors: Record<string, TensorToWrite> = {};
  for (const [name, shape] of chronos2TensorShapes(parseChronos2Config(configJson))) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (name.endsWith('layer_norm.weight')) data.fill(1);
    else {
      const std = shape.length === 2 && name !== 'shared.weight' ? 1 / Math.sqrt(shape[1]) : 0.1;
      for (let i = 0; i < data.length; i++) data[i] = normal() * std;
    }
    tensors[name] = { data, shape, dtype };
  }
  return writeSafetensors(tensors);
}

/** Writes config.json (without the recipe's `$source` note) and model.safetensors into `dir`. */
export function writeRandomChronos2Checkpoint(configPath: string, dir: string, seed = 1): { configJson: Record<string, unknown>; weights: Uint8Array } {
  const { $source: _source, ...configJson } = JSON.parse(readFileSync(configPath, 'utf8'));
  const weights = randomChronos2Checkpoint(configJson, seed);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(configJson, null, 2));
  writeFileSync(join(dir, 'model.safetensors'), weights);
  return { configJson, weights };
}

if (process.argv[1]?.endsWith('chronos2-random-checkpoint.ts')) {
  const [configPath, dir] = process.argv.slice(2);
  if (!configPath || !dir) throw new Error('usage: chronos2-random-checkpoint.ts CONFIG.json OUT_DIR');
  const { weights } = writeRandomChronos2Checkpoint(configPath, dir);
  process.stderr.write(`wrote ${dir}/model.safetensors (${(weights.byteLength / 2 ** 20).toFixed(1)} MiB)\n`);
}

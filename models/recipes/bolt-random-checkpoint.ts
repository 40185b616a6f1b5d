/**
 * Random Chronos-Bolt checkpoints of any size, in the Hugging Face layout of the real
 * amazon/chronos-bolt-* repositories (same tensor names, shapes and safetensors header), for benchmarks
 * and tests that need full-size models without downloading them. Weights are N(0, 1/fan_in) so
 * activations stay in a realistic range; the numbers mean nothing.
 */
import { type TensorToWrite, writeSafetensors } from '../../src/core/onnx/safetensors';
import type { BoltConfig } from '../../src/core/forecast/bolt/config';
import { boltTensorShapes } from '../../src/core/forecast/bolt/checkpoint-layout';

export { boltTensorShapes };

/** Deterministic normal samples (xorshift32 + Box-Muller): same seed, same checkpoint. */
export function normalSampler(seed: number): () => number {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (state + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

export function randomBoltCheckpoint(config: BoltConfig, seed = 1): Uint8Array {
  const normal = normalSampler(seed);
  const tensors: Record<string, TensorToWrite> = {};
  for (const [name, shape] of boltTensorShapes(config)) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (name.endsWith('layer_norm.weight')) data.fill(1);
    else {
      const std = shape.length === 2 && !name.includes('relative_attention_bias') && name !== 'shared.weight' ? 1 / Math.sqrt(shape[1]) : 1;
      for (let i = 0; i < data.length; i++) data[i] = normal() * std;
    }
    tensors[name] = { data, shape };
  }
  return writeSafetensors(tensors);
}

/**
 * Random Chronos-Bolt checkpoints of any size, in the Hugging Face layout of the real
 * amazon/chronos-bolt-* repositories (same tensor names, shapes and safetensors header), for benchmarks
 * and tests that need full-size models without downloading them. Weights are N(0, 1/fan_in) so
 * activations stay in a realistic range; the numbers mean nothing.
 */
import { type TensorToWrite, writeSafetensors } from '../../src/core/onnx/safetensors';
import type { BoltConfig } from '../../src/core/forecast/bolt/config';

/** Every stored tensor of a Bolt checkpoint with its shape (tied embed_tokens copies are not stored). */
export function boltTensorShapes(config: BoltConfig): [string, number[]][] {
  const { dModel: D, dFF: F, numHeads, dKv, relativeBuckets } = config;
  const inner = numHeads * dKv;
  const P2 = 2 * config.patchSize;
  const QH = config.quantiles.length * config.predictionLength;
  const shapes: [string, number[]][] = [['shared.weight', [2, D]]];
  const residualBlock = (prefix: string, inp: number, out: number) => {
    shapes.push(
      [`${prefix}.hidden_layer.weight`, [F, inp]], [`${prefix}.hidden_layer.bias`, [F]],
      [`${prefix}.output_layer.weight`, [out, F]], [`${prefix}.output_layer.bias`, [out]],
      [`${prefix}.residual_layer.weight`, [out, inp]], [`${prefix}.residual_layer.bias`, [out]],
    );
  };
  const attention = (prefix: string) => {
    for (const p of ['q', 'k', 'v']) shapes.push([`${prefix}.${p}.weight`, [inner, D]]);
    shapes.push([`${prefix}.o.weight`, [D, inner]]);
  };
  const feedForward = (prefix: string) => {
    shapes.push([`${prefix}.layer_norm.weight`, [D]], [`${prefix}.DenseReluDense.wi.weight`, [F, D]], [`${prefix}.DenseReluDense.wo.weight`, [D, F]]);
  };
  residualBlock('input_patch_embedding', P2, D);
  for (let i = 0; i < config.numEncoderLayers; i++) {
    const p = `encoder.block.${i}.layer`;
    shapes.push([`${p}.0.layer_norm.weight`, [D]]);
    attention(`${p}.0.SelfAttention`);
    if (i === 0) shapes.push([`${p}.0.SelfAttention.relative_attention_bias.weight`, [relativeBuckets, numHeads]]);
    feedForward(`${p}.1`);
  }
  shapes.push(['encoder.final_layer_norm.weight', [D]]);
  for (let i = 0; i < config.numDecoderLayers; i++) {
    const p = `decoder.block.${i}.layer`;
    shapes.push([`${p}.0.layer_norm.weight`, [D]]);
    attention(`${p}.0.SelfAttention`);
    if (i === 0) shapes.push([`${p}.0.SelfAttention.relative_attention_bias.weight`, [relativeBuckets, numHeads]]);
    shapes.push([`${p}.1.layer_norm.weight`, [D]]);
    attention(`${p}.1.EncDecAttention`);
    feedForward(`${p}.2`);
  }
  shapes.push(['decoder.final_layer_norm.weight', [D]]);
  residualBlock('output_patch_embedding', D, QH);
  return shapes;
}

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

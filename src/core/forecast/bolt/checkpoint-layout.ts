/**
 * Every tensor a Chronos-Bolt checkpoint stores, with the shape its config.json implies, in the naming of
 * the Hugging Face amazon/chronos-bolt-* files. Used to check a checkpoint before the graph is built and
 * to write random full-size checkpoints for benchmarks (models/recipes/bolt-random-checkpoint.ts).
 */
import type { BoltConfig } from './config';

/** Tied embed_tokens copies are not stored (the file holds `shared.weight` once). */
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


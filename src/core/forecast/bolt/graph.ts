/**
 * The ONNX graph of ChronosBoltModelForForecasting (BOLT-FACTS §4) built from a checkpoint, on the shared
 * graph builder. Instance norm and patching happen in TypeScript (preprocess.ts); the graph takes
 *   patches          float32 [batch, patches, 2P]   (values | mask per patch)
 *   attention_flags  float32 [batch, positions]     (positions = patches + 1, the last one is [REG])
 *   position_buckets int64   [positions, positions] (T5 relative-position bucket of key − query)
 * and returns
 *   normalized_quantiles float32 [batch, Q·H]      (quantile-major, before · scale + loc)
 *   encoder_output       float32 [batch, positions, D] (after the final norm; what `embed` returns)
 * With `debug`, every intermediate the golden vectors record is an extra output.
 */
import { FLOAT32_MIN, GraphBuilder } from '../../onnx/graph-builder';
import { type AttentionWeights, type WeightSource, Weights, feedForward, multiHeadAttention, residualBlock, rmsNorm } from '../../onnx/nn-blocks';
import { boltTensorShapes } from './checkpoint-layout';
import type { BoltConfig } from './config';

export const BOLT_INPUTS = { patches: 'patches', flags: 'attention_flags', buckets: 'position_buckets' } as const;
export const BOLT_OUTPUTS = { quantiles: 'normalized_quantiles', encoder: 'encoder_output' } as const;

export interface BoltGraphOptions {
  /** Also output encoder_input_embeds, encoder_block_{i}, decoder_block_{i}, decoder_final_hidden. */
  debug?: boolean;
}

export function buildBoltGraph(config: BoltConfig, source: WeightSource, options: BoltGraphOptions = {}): Uint8Array {
  const g = new GraphBuilder('chronos_bolt');
  const w = new Weights(g, source);
  const { dModel: D, numHeads, dKv, layerNormEps: eps } = config;
  const QH = config.quantiles.length * config.predictionLength;
  checkShapes(config, source);
  const debug = (value: string, name: string, dims: (number | string)[]) => {
    if (options.debug) g.output(value, name, 'float32', dims);
  };

  const patches = g.input(BOLT_INPUTS.patches, 'float32', ['batch', 'patches', 2 * config.patchSize]);
  const flags = g.input(BOLT_INPUTS.flags, 'float32', ['batch', 'positions']);
  const buckets = g.input(BOLT_INPUTS.buckets, 'int64', ['positions', 'positions']);

  // One row of the token table per batch row: [REG] (row 1) after the patches, the decoder start (row 0).
  const shared = w.tensor('shared.weight');
  const perRow = (tokenId: number) => g.expand(g.reshape(g.gather(shared, g.int64s([tokenId])), [1, 1, D]), g.concat([g.shape(patches, 0, 1), g.int64s([1, D])], 0));
  let h = g.concat([residualBlock(w, patches, 'input_patch_embedding', 'relu'), perRow(1)], 1);
  debug(h, 'encoder_input_embeds', ['batch', 'positions', D]);

  // Masked keys get float32_min (finite); the mask depends on the key only: [batch, 1, 1, positions].
  const keyMask = g.unsqueeze(g.mul(g.sub(g.constant([1], []), flags), g.constant([FLOAT32_MIN], [])), [1, 2]);
  // Block 0's bias table serves every encoder block: table[bucket] [S, S, NH] → [1, NH, S, S].
  const table = w.tensor('encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight');
  const positionBias = g.unsqueeze(g.transpose(g.gather(table, buckets), [2, 0, 1]), [0]);
  const encoderBias = g.add(positionBias, keyMask);

  const attention = { numHeads, headDim: dKv };
  for (let i = 0; i < config.numEncoderLayers; i++) {
    const p = `encoder.block.${i}.layer`;
    h = g.add(h, multiHeadAttention(w, rmsNorm(w, h, `${p}.0.layer_norm.weight`, eps), names(`${p}.0.SelfAttention`), { ...attention, bias: encoderBias }));
    h = g.add(h, feedForward(w, rmsNorm(w, h, `${p}.1.layer_norm.weight`, eps), `${p}.1.DenseReluDense.wi.weight`, `${p}.1.DenseReluDense.wo.weight`, 'relu'));
    debug(h, `encoder_block_${i}`, ['batch', 'positions', D]);
  }
  const encoded = rmsNorm(w, h, 'encoder.final_layer_norm.weight', eps);
  g.output(encoded, BOLT_OUTPUTS.encoder, 'float32', ['batch', 'positions', D]);

  let d = perRow(config.decoderStartTokenId);
  for (let i = 0; i < config.numDecoderLayers; i++) {
    const p = `decoder.block.${i}.layer`;
    // Self-attention over one position: softmax over a single key is 1, so it reduces to o(v(LN(h))).
    const selfNormed = rmsNorm(w, d, `${p}.0.layer_norm.weight`, eps);
    d = g.add(d, g.matMul(g.matMul(selfNormed, w.matrix(`${p}.0.SelfAttention.v.weight`)), w.matrix(`${p}.0.SelfAttention.o.weight`)));
    const crossNormed = rmsNorm(w, d, `${p}.1.layer_norm.weight`, eps);
    d = g.add(d, multiHeadAttention(w, crossNormed, names(`${p}.1.EncDecAttention`), { ...attention, keyValue: encoded, bias: keyMask }));
    d = g.add(d, feedForward(w, rmsNorm(w, d, `${p}.2.layer_norm.weight`, eps), `${p}.2.DenseReluDense.wi.weight`, `${p}.2.DenseReluDense.wo.weight`, 'relu'));
    debug(d, `decoder_block_${i}`, ['batch', 1, D]);
  }
  const decoded = rmsNorm(w, d, 'decoder.final_layer_norm.weight', eps);
  debug(decoded, 'decoder_final_hidden', ['batch', 1, D]);

  const head = residualBlock(w, decoded, 'output_patch_embedding', 'relu'); // [batch, 1, Q·H]
  g.output(g.reshape(head, [0, QH]), BOLT_OUTPUTS.quantiles, 'float32', ['batch', QH]);
  return g.toBytes({ model: 'chronos-bolt' });
}

function names(prefix: string): AttentionWeights {
  return { q: `${prefix}.q.weight`, k: `${prefix}.k.weight`, v: `${prefix}.v.weight`, o: `${prefix}.o.weight` };
}

/** Fail at load time, naming the tensor, when a checkpoint does not match its config (every tensor). */
function checkShapes(config: BoltConfig, source: WeightSource): void {
  for (const [name, shape] of boltTensorShapes(config)) {
    if (!source.has(name)) throw new Error(`model.safetensors: missing tensor "${name}"`);
    const actual = source.shape(name);
    if (actual.join(',') !== shape.join(',')) throw new Error(`model.safetensors: tensor "${name}" has shape [${actual}], config.json implies [${shape}]`);
  }
}

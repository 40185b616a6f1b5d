/**
 * The Chronos-2 encoder + output head as an ONNX graph, built from config.json and the checkpoint's
 * tensors (PIPELINE-FACTS.md §4 steps 5–10). Everything data-dependent (normalisation, patching,
 * masks, RoPE tables) is computed in TypeScript (`preprocess.ts`) and fed in, so the graph is pure
 * tensor algebra and a pre-exported .onnx only has to honour this input/output contract:
 *
 * | input | shape | meaning |
 * |---|---|---|
 * | context_patches | [B, N, 3P] | per context patch: [time encoding ‖ values ‖ mask] |
 * | future_patches | [B, Np, 3P] | the same for future patches (known covariates or zeros) |
 * | time_attention_bias | [B, 1, 1, S] | 0 for attendable keys, FLOAT32_MIN for masked ones |
 * | group_attention_bias | [S, 1, B, B] | 0 where row r may attend row c at position t, else FLOAT32_MIN |
 * | rope_cos, rope_sin | [S, K] | rotary tables for positions 0..S−1 |
 *
 * Output `normalized_quantile_preds` [B, Q, Np·P] (quantile-major, before sinh·scale + loc).
 * S = N + 1 ([REG]) + Np. No 1/sqrt(K) attention scaling anywhere (T5 convention).
 */
import { GraphBuilder, type BuiltModel } from '../../onnx/graph-builder';
import { feedForward, multiHeadAttention, residualBlock, rmsNorm, Weights, type WeightSource } from '../../onnx/nn-blocks';
import { chronos2TensorShapes } from './checkpoint-layout';
import type { Chronos2Config } from './config';

export const CHRONOS2_INPUTS = ['context_patches', 'future_patches', 'time_attention_bias', 'group_attention_bias', 'rope_cos', 'rope_sin'] as const;
export const CHRONOS2_OUTPUT = 'normalized_quantile_preds';
/** Row of `shared.weight` holding the [REG] embedding (row 0 is [PAD], unused at inference). */
const REG_TOKEN_ID = 1;

/**
 * Builds the graph; with `externalData` the weights go into a separate buffer (see GraphBuilder.toModel),
 * which is faster and lighter to load in ORT than weights inside the protobuf.
 */
export function buildChronos2Graph(config: Chronos2Config, source: WeightSource, options: { externalData?: boolean } = {}): BuiltModel {
  const { dModel: D, dKv: K, numHeads: H, patchSize: P, quantiles, activation: act, layerNormEpsilon: eps } = config;
  const Q = quantiles.length;
  const g = new GraphBuilder('chronos2');
  const w = new Weights(g, source);
  checkShapes(w, config);

  const contextPatches = g.input('context_patches', 'float32', ['batch', 'context_patches', 3 * P]);
  const futurePatches = g.input('future_patches', 'float32', ['batch', 'future_patches', 3 * P]);
  const timeBias = g.input('time_attention_bias', 'float32', ['batch', 1, 1, 'sequence']);
  const groupBias = g.input('group_attention_bias', 'float32', ['sequence', 1, 'batch', 'batch']);
  const cos = g.input('rope_cos', 'float32', ['sequence', K]);
  const sin = g.input('rope_sin', 'float32', ['sequence', K]);

  // Context and future patches share the input embedding; [REG] sits between them.
  const embed = (x: string) => residualBlock(w, x, 'input_patch_embedding', act);
  const parts = [embed(contextPatches)];
  if (config.useRegToken) {
    const reg = g.reshape(g.gather(w.tensor('shared.weight'), g.int64s([REG_TOKEN_ID], [])), [1, 1, D]);
    const regShape = g.concat([g.shape(contextPatches, 0, 1), g.int64s([1, D])], 0);
    parts.push(g.expand(reg, regShape));
  }
  parts.push(embed(futurePatches));
  let h = g.concat(parts, 1); // [B, S, D]

  for (let i = 0; i < config.numLayers; i++) {
    const layer = (j: number, name: string) => `encoder.block.${i}.layer.${j}.${name}`;
    const attentionNames = (j: number) => ({
      q: layer(j, 'self_attention.q.weight'),
      k: layer(j, 'self_attention.k.weight'),
      v: layer(j, 'self_attention.v.weight'),
      o: layer(j, 'self_attention.o.weight'),
    });
    // (a) time attention: per row over the S positions, RoPE on q and k.
    const timeIn = rmsNorm(w, h, layer(0, 'layer_norm.weight'), eps);
    h = g.add(h, multiHeadAttention(w, timeIn, attentionNames(0), { numHeads: H, headDim: K, bias: timeBias, rope: { cos, sin } }));
    // (b) group attention: per position across the rows of the batch, no RoPE.
    const groupIn = g.transpose(rmsNorm(w, h, layer(1, 'layer_norm.weight'), eps), [1, 0, 2]); // [S, B, D]
    const groupOut = multiHeadAttention(w, groupIn, attentionNames(1), { numHeads: H, headDim: K, bias: groupBias });
    h = g.add(h, g.transpose(groupOut, [1, 0, 2]));
    // (c) feed-forward.
    const ffIn = rmsNorm(w, h, layer(2, 'layer_norm.weight'), eps);
    h = g.add(h, feedForward(w, ffIn, layer(2, 'mlp.wi.weight'), layer(2, 'mlp.wo.weight'), act));
  }
  h = rmsNorm(w, h, 'encoder.final_layer_norm.weight', eps);

  // Output head on the future tokens only: positions N + [REG] .. S−1.
  const firstFuture = g.add(g.shape(contextPatches, 1, 2), g.int64s([config.useRegToken ? 1 : 0]));
  const future = g.slice(h, firstFuture, g.int64s([2 ** 62]), [1]);
  const head = residualBlock(w, future, 'output_patch_embedding', act); // [B, Np, Q·P], quantile-major
  const quantileMajor = g.reshape(g.transpose(g.reshape(head, [0, 0, Q, P]), [0, 2, 1, 3]), [0, Q, -1]);
  g.output(quantileMajor, CHRONOS2_OUTPUT, 'float32', ['batch', Q, 'horizon']);
  return g.toModel({ metadata: { chronos2_quantiles: JSON.stringify(quantiles) }, externalData: options.externalData });
}

/** Fails early with the tensor name when a checkpoint does not match its config. */
function checkShapes(w: Weights, config: Chronos2Config): void {
  for (const [name, shape] of chronos2TensorShapes(config)) {
    if (!w.source.has(name)) throw new Error(`model.safetensors: missing tensor "${name}"`);
    const actual = w.source.shape(name);
    if (actual.join() !== shape.join()) throw new Error(`model.safetensors: tensor "${name}" has shape [${actual}], config.json implies [${shape}]`);
  }
}

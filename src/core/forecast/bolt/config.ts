/**
 * The parts of a Chronos-Bolt `config.json` that matter at inference (BOLT-FACTS §1), validated.
 * Everything else in the file (dropout, initializer, cache flags) has no effect on a forward pass.
 * Types and ranges are checked before anything is allocated (limits in ../model-limits.ts).
 */
import { array, boolean, number, object, oneOf, optional, string } from '../../validate';
import { checkModelJson, ModelFileError } from '../model-file-error';
import { LIMITS, ascendingLevels, positiveNumber, size } from '../model-limits';

export interface BoltConfig {
  dModel: number;
  dKv: number;
  numHeads: number;
  dFF: number;
  numEncoderLayers: number;
  numDecoderLayers: number;
  relativeBuckets: number;
  relativeMaxDistance: number;
  layerNormEps: number;
  decoderStartTokenId: number;
  /** C: the model keeps only the last C context values. */
  contextLength: number;
  /** P: values per patch (stride equals size in every Bolt model). */
  patchSize: number;
  /** H: steps produced by one model call. */
  predictionLength: number;
  /** Model quantile levels, in output order. */
  quantiles: number[];
}

type Json = Record<string, unknown>;

/** True for a Chronos-Bolt checkpoint config (as opposed to Chronos-2 or anything else). */
export function isBoltConfig(json: unknown): boolean {
  if (!json || typeof json !== 'object') return false;
  const j = json as Json;
  const archs = Array.isArray(j.architectures) ? j.architectures : [];
  return j.chronos_pipeline_class === 'ChronosBoltPipeline' || archs.includes('ChronosBoltModelForForecasting');
}

const boltConfigSchema = object({
  d_model: size(LIMITS.dModel),
  d_kv: size(LIMITS.headDim),
  num_heads: size(LIMITS.heads),
  d_ff: size(LIMITS.dFf),
  num_layers: size(LIMITS.layers),
  num_decoder_layers: optional(size(LIMITS.layers)),
  relative_attention_num_buckets: size(LIMITS.relativeBuckets),
  relative_attention_max_distance: size(LIMITS.relativeDistance),
  layer_norm_epsilon: optional(positiveNumber({ max: LIMITS.maxEpsilon })),
  // shared.weight has two rows ([PAD] and [REG]): the decoder starts from one of them.
  decoder_start_token_id: optional(oneOf([0, 1])),
  feed_forward_proj: optional(string({ maxLength: 40 })),
  is_gated_act: optional(boolean()),
  chronos_config: object({
    context_length: size(LIMITS.contextLength),
    input_patch_size: size(LIMITS.patchSize),
    input_patch_stride: size(LIMITS.patchSize),
    prediction_length: size(LIMITS.predictionLength),
    quantiles: array(number({ min: 0, max: 1 }), { minLength: 1, maxLength: LIMITS.quantiles }),
    use_reg_token: optional(boolean()),
  }),
});

export function parseBoltConfig(json: unknown, source = 'config.json'): BoltConfig {
  const fail = (detail: string): never => {
    throw new ModelFileError(source, detail);
  };
  if (!isBoltConfig(json)) fail('not a Chronos-Bolt config (expected chronos_pipeline_class "ChronosBoltPipeline")');
  const j = checkModelJson(boltConfigSchema, json, source);
  const chronos = j.chronos_config;
  const patchSize = chronos.input_patch_size;
  if (chronos.input_patch_stride !== patchSize) {
    fail(`input_patch_stride ${chronos.input_patch_stride} differs from input_patch_size ${patchSize} (overlapping patches are not supported)`);
  }
  if (chronos.use_reg_token !== true) fail('chronos_config.use_reg_token must be true (every Bolt model uses the [REG] token)');
  const act = j.feed_forward_proj ?? 'relu';
  if (act !== 'relu' || j.is_gated_act === true) fail(`feed_forward_proj "${act}" is not supported (Bolt uses plain "relu")`);
  ascendingLevels(chronos.quantiles, 'chronos_config.quantiles', source);
  if (j.d_model % j.num_heads !== 0) fail(`num_heads: ${j.num_heads} heads do not divide d_model ${j.d_model}`);
  return {
    dModel: j.d_model,
    dKv: j.d_kv,
    numHeads: j.num_heads,
    dFF: j.d_ff,
    numEncoderLayers: j.num_layers,
    numDecoderLayers: j.num_decoder_layers ?? j.num_layers,
    relativeBuckets: j.relative_attention_num_buckets,
    relativeMaxDistance: j.relative_attention_max_distance,
    layerNormEps: j.layer_norm_epsilon ?? 1e-6,
    decoderStartTokenId: j.decoder_start_token_id ?? 0,
    contextLength: chronos.context_length,
    patchSize,
    predictionLength: chronos.prediction_length,
    quantiles: chronos.quantiles,
  };
}

/**
 * The parts of a Chronos-Bolt `config.json` that matter at inference (BOLT-FACTS §1), validated.
 * Everything else in the file (dropout, initializer, cache flags) has no effect on a forward pass.
 */
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

export function parseBoltConfig(json: unknown, source = 'config.json'): BoltConfig {
  if (!isBoltConfig(json)) {
    throw new Error(`${source}: not a Chronos-Bolt config (expected chronos_pipeline_class "ChronosBoltPipeline")`);
  }
  const j = json as Json;
  const chronos = (j.chronos_config ?? {}) as Json;
  const int = (obj: Json, key: string, where = ''): number => {
    const v = obj[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new Error(`${source}: ${where}${key} must be a non-negative integer, got ${JSON.stringify(v)}`);
    }
    return v;
  };
  const patchSize = int(chronos, 'input_patch_size', 'chronos_config.');
  const stride = int(chronos, 'input_patch_stride', 'chronos_config.');
  if (stride !== patchSize) {
    throw new Error(`${source}: input_patch_stride ${stride} differs from input_patch_size ${patchSize} (overlapping patches are not supported)`);
  }
  if (chronos.use_reg_token !== true) {
    throw new Error(`${source}: chronos_config.use_reg_token must be true (every Bolt model uses the [REG] token)`);
  }
  const act = String(j.feed_forward_proj ?? 'relu');
  if (act !== 'relu' || j.is_gated_act === true) {
    throw new Error(`${source}: feed_forward_proj "${act}" is not supported (Bolt uses plain "relu")`);
  }
  const quantiles = chronos.quantiles;
  if (!Array.isArray(quantiles) || quantiles.length === 0 || quantiles.some((q) => typeof q !== 'number' || !(q > 0 && q < 1))) {
    throw new Error(`${source}: chronos_config.quantiles must be a non-empty list of levels in (0, 1)`);
  }
  const numLayers = int(j, 'num_layers');
  const eps = j.layer_norm_epsilon ?? 1e-6;
  if (typeof eps !== 'number' || !(eps > 0)) throw new Error(`${source}: layer_norm_epsilon must be a positive number`);
  return {
    dModel: int(j, 'd_model'),
    dKv: int(j, 'd_kv'),
    numHeads: int(j, 'num_heads'),
    dFF: int(j, 'd_ff'),
    numEncoderLayers: numLayers,
    numDecoderLayers: j.num_decoder_layers == null ? numLayers : int(j, 'num_decoder_layers'),
    relativeBuckets: int(j, 'relative_attention_num_buckets'),
    relativeMaxDistance: int(j, 'relative_attention_max_distance'),
    layerNormEps: eps,
    decoderStartTokenId: j.decoder_start_token_id == null ? 0 : int(j, 'decoder_start_token_id'),
    contextLength: int(chronos, 'context_length', 'chronos_config.'),
    patchSize,
    predictionLength: int(chronos, 'prediction_length', 'chronos_config.'),
    quantiles: quantiles as number[],
  };
}

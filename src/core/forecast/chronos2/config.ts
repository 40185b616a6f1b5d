/**
 * The parts of a Chronos-2 `config.json` that matter at inference (PIPELINE-FACTS.md §1), read and
 * checked once so the graph builder and the pipeline never hard-code a size or a quantile set.
 * Every field is checked for type and range before anything is allocated (limits in model-limits.ts);
 * the tensors the config implies are checked against the checkpoint in checkpoint-check.ts.
 */
import { parseActivation, type Activation } from '../../onnx/nn-blocks';
import { array, boolean, number, object, optional, string } from '../../validate';
import { LIMITS, ascendingLevels, positiveNumber, size } from '../model-limits';
import { checkModelJson, ModelFileError } from '../model-file-error';

export interface Chronos2Config {
  dModel: number;
  dKv: number;
  numHeads: number;
  dFf: number;
  numLayers: number;
  layerNormEpsilon: number;
  ropeTheta: number;
  activation: Activation;
  contextLength: number;
  patchSize: number;
  maxOutputPatches: number;
  quantiles: number[];
  useRegToken: boolean;
  useArcsinh: boolean;
  timeEncodingScale: number;
}

/** True when a parsed config.json describes a Chronos-2 checkpoint. */
export function isChronos2Config(json: Record<string, unknown>): boolean {
  const architectures = json.architectures;
  return json.chronos_pipeline_class === 'Chronos2Pipeline' || (Array.isArray(architectures) && architectures.includes('Chronos2Model'));
}

const chronos2ConfigSchema = object({
  d_model: size(LIMITS.dModel),
  d_kv: size(LIMITS.headDim),
  num_heads: size(LIMITS.heads),
  d_ff: size(LIMITS.dFf),
  num_layers: size(LIMITS.layers),
  layer_norm_epsilon: optional(positiveNumber({ max: LIMITS.maxEpsilon })),
  rope_theta: optional(positiveNumber()),
  feed_forward_proj: optional(string({ maxLength: 40 })),
  dense_act_fn: optional(string({ maxLength: 40 })),
  is_gated_act: optional(boolean()),
  chronos_config: object({
    context_length: size(LIMITS.contextLength),
    input_patch_size: size(LIMITS.patchSize),
    input_patch_stride: optional(size(LIMITS.patchSize)),
    output_patch_size: size(LIMITS.patchSize),
    max_output_patches: size(LIMITS.outputPatches),
    quantiles: array(number({ min: 0, max: 1 }), { minLength: 1, maxLength: LIMITS.quantiles }),
    time_encoding_scale: optional(positiveNumber()),
    use_arcsinh: optional(boolean()),
    use_reg_token: optional(boolean()),
  }),
});

export function parseChronos2Config(json: Record<string, unknown>): Chronos2Config {
  const fail = (detail: string): never => {
    throw new ModelFileError('config.json', detail);
  };
  if (!isChronos2Config(json)) fail(`not a Chronos-2 checkpoint (chronos_pipeline_class ${JSON.stringify(String(json.chronos_pipeline_class).slice(0, 60))})`);
  const c = checkModelJson(chronos2ConfigSchema, json);
  const chronos = c.chronos_config;
  const patchSize = chronos.input_patch_size;
  if (chronos.output_patch_size !== patchSize || (chronos.input_patch_stride ?? patchSize) !== patchSize) {
    fail(`chronos_config: input_patch_size (${patchSize}), input_patch_stride (${chronos.input_patch_stride}) and output_patch_size (${chronos.output_patch_size}) must be equal`);
  }
  ascendingLevels(chronos.quantiles, 'chronos_config.quantiles');
  if (c.is_gated_act === true) fail('is_gated_act: gated activations are not supported');
  if (c.d_kv % 2 !== 0) fail(`d_kv: must be even for the rotary embedding, got ${c.d_kv}`);
  if (c.d_model % c.num_heads !== 0) fail(`num_heads: ${c.num_heads} heads do not divide d_model ${c.d_model}`);
  let activation: Activation;
  try {
    activation = parseActivation(c.feed_forward_proj ?? c.dense_act_fn ?? 'relu');
  } catch (error) {
    return fail(`feed_forward_proj: ${(error as Error).message}`);
  }
  return {
    dModel: c.d_model,
    dKv: c.d_kv,
    numHeads: c.num_heads,
    dFf: c.d_ff,
    numLayers: c.num_layers,
    layerNormEpsilon: c.layer_norm_epsilon ?? 1e-6,
    ropeTheta: c.rope_theta ?? 10000,
    activation,
    contextLength: chronos.context_length,
    patchSize,
    maxOutputPatches: chronos.max_output_patches,
    quantiles: chronos.quantiles,
    useRegToken: chronos.use_reg_token !== false,
    useArcsinh: chronos.use_arcsinh === true,
    timeEncodingScale: chronos.time_encoding_scale ?? chronos.context_length,
  };
}

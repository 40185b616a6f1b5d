/**
 * The parts of a Chronos-2 `config.json` that matter at inference (PIPELINE-FACTS.md §1), read and
 * checked once so the graph builder and the pipeline never hard-code a size or a quantile set.
 */
import { parseActivation, type Activation } from '../../onnx/nn-blocks';

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

export class Chronos2ConfigError extends Error {
  constructor(message: string) {
    super(`config.json: ${message}`);
    this.name = 'Chronos2ConfigError';
  }
}

/** True when a parsed config.json describes a Chronos-2 checkpoint. */
export function isChronos2Config(json: Record<string, unknown>): boolean {
  const architectures = json.architectures as string[] | undefined;
  return json.chronos_pipeline_class === 'Chronos2Pipeline' || (architectures ?? []).includes('Chronos2Model');
}

export function parseChronos2Config(json: Record<string, unknown>): Chronos2Config {
  if (!isChronos2Config(json)) {
    throw new Chronos2ConfigError(`not a Chronos-2 checkpoint (chronos_pipeline_class "${String(json.chronos_pipeline_class)}")`);
  }
  const chronos = json.chronos_config as Record<string, unknown> | undefined;
  if (!chronos || typeof chronos !== 'object') throw new Chronos2ConfigError('missing chronos_config');
  const int = (source: Record<string, unknown>, key: string, where = ''): number => {
    const v = source[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new Chronos2ConfigError(`${where}${key} must be a positive integer, got ${JSON.stringify(v)}`);
    return v;
  };
  const num = (source: Record<string, unknown>, key: string, fallback?: number): number => {
    const v = source[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Chronos2ConfigError(`${key} must be a number, got ${JSON.stringify(v)}`);
    return v;
  };
  const patchSize = int(chronos, 'input_patch_size', 'chronos_config.');
  if (chronos.output_patch_size !== patchSize || (chronos.input_patch_stride ?? patchSize) !== patchSize) {
    throw new Chronos2ConfigError('input_patch_size, input_patch_stride and output_patch_size must be equal');
  }
  const quantiles = chronos.quantiles;
  if (!Array.isArray(quantiles) || quantiles.length === 0 || quantiles.some((q, i) => typeof q !== 'number' || q <= 0 || q >= 1 || (i > 0 && q <= quantiles[i - 1]))) {
    throw new Chronos2ConfigError('chronos_config.quantiles must be ascending numbers in (0, 1)');
  }
  if (json.is_gated_act === true) throw new Chronos2ConfigError('gated activations are not supported');
  const contextLength = int(chronos, 'context_length', 'chronos_config.');
  const useRegToken = chronos.use_reg_token !== false;
  const dKv = int(json, 'd_kv');
  if (dKv % 2 !== 0) throw new Chronos2ConfigError('d_kv must be even (rotary embedding)');
  let activation: Activation;
  try {
    activation = parseActivation(String(json.feed_forward_proj ?? json.dense_act_fn ?? 'relu'));
  } catch (error) {
    throw new Chronos2ConfigError((error as Error).message);
  }
  return {
    dModel: int(json, 'd_model'),
    dKv,
    numHeads: int(json, 'num_heads'),
    dFf: int(json, 'd_ff'),
    numLayers: int(json, 'num_layers'),
    layerNormEpsilon: num(json, 'layer_norm_epsilon', 1e-6),
    ropeTheta: num(json, 'rope_theta', 10000),
    activation,
    contextLength,
    patchSize,
    maxOutputPatches: int(chronos, 'max_output_patches', 'chronos_config.'),
    quantiles: quantiles as number[],
    useRegToken,
    useArcsinh: chronos.use_arcsinh === true,
    timeEncodingScale: num(chronos, 'time_encoding_scale', contextLength),
  };
}

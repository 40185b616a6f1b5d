/**
 * Size limits for model configs, shared by Chronos-2 and Chronos-Bolt, and the schema pieces that
 * apply them. The limits are far above every published checkpoint (Chronos-2: d_model 768, 12 layers,
 * context 8192; Bolt base: d_model 768, 12+12 layers) and far below what would exhaust memory while
 * the config alone is being read, so a hostile `num_layers: 1e7` fails here, before any allocation.
 */
import { INVALID, number, type NumberRules, type Schema } from '../validate';
import { ModelFileError } from './model-file-error';

export const LIMITS = {
  dModel: 8192,
  /** d_kv: per-head width. */
  headDim: 1024,
  heads: 256,
  dFf: 65_536,
  layers: 256,
  /** Context values the model reads (Chronos-2's official maximum is 8192). */
  contextLength: 16_384,
  patchSize: 256,
  /** Chronos-2 output patches per call (the official model has 64 × 16 = 1024 steps). */
  outputPatches: 256,
  /** Chronos-Bolt steps per call (the official models have 64). */
  predictionLength: 1024,
  quantiles: 256,
  relativeBuckets: 1024,
  relativeDistance: 1_000_000,
  /** RMS-norm epsilon: a positive number; anything above 0.1 would swamp the activations. */
  maxEpsilon: 0.1,
  /**
   * Float32 bytes of all parameters. 2 GiB: onnxruntime-web runs in a 32-bit WebAssembly heap of at most
   * 4 GiB, and the weights live there once next to their float32 copy decoded in JavaScript, plus the
   * activations; a checkpoint above 2 GiB cannot run in a browser tab (Chronos-2 is 0.48 GB, Bolt base 0.82 GB).
   */
  parameterBytes: 2 * 2 ** 30,
} as const;

/** A positive integer up to `max` (sizes, counts, lengths). */
export const size = (max: number): Schema<number> => number({ integer: true, min: 1, max });

/** A finite number > 0 (epsilon, scales, RoPE theta): 0 or a negative value gives NaN or nonsense forecasts. */
export function positiveNumber(rules: Omit<NumberRules, 'min' | 'integer'> = {}): Schema<number> {
  const finite = number(rules);
  return {
    expected: 'a number > 0',
    check(value, path, ctx) {
      const v = finite.check(value, path, ctx);
      if (v === INVALID) return v;
      return v > 0 ? v : ctx.report(path, `expected a number > 0, got ${v}`);
    },
  };
}

/** Quantile levels must be strictly ascending inside (0, 1): the pipeline interpolates between them. */
export function ascendingLevels(levels: number[], field: string, file = 'config.json'): void {
  levels.forEach((q, i) => {
    if (!(q > 0 && q < 1)) throw new ModelFileError(file, `${field}[${i}]: expected a level strictly between 0 and 1, got ${q}`);
    if (i > 0 && q <= levels[i - 1]) throw new ModelFileError(file, `${field}[${i}]: levels must be strictly ascending, got ${levels[i - 1]} then ${q}`);
  });
}

/** Float32 bytes of a checkpoint layout, refused above LIMITS.parameterBytes before any tensor is read. */
export function checkParameterBytes(layout: [string, number[]][]): number {
  let parameters = 0;
  for (const [, shape] of layout) parameters += shape.reduce((a, b) => a * b, 1);
  const bytes = parameters * 4;
  if (bytes > LIMITS.parameterBytes) {
    throw new ModelFileError(
      'config.json',
      `the sizes (d_model, d_ff, num_layers, ...) imply ${parameters.toLocaleString('en-US')} parameters (${(bytes / 2 ** 30).toFixed(1)} GiB as float32), more than the ${LIMITS.parameterBytes / 2 ** 30} GiB a browser tab can hold`,
    );
  }
  return bytes;
}

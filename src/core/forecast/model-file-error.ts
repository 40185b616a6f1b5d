/**
 * What is wrong with a model's files, in one shape for the app and the CLI: the file, the field or
 * tensor, what was expected and what was found, e.g.
 *   config.json: num_layers: expected a number <= 256, got 1000000
 *   model.safetensors: tensor "encoder.final_layer_norm.weight": shape [32], config.json implies [64]
 */
import { formatIssues, validate, type Schema } from '../validate';

export class ModelFileError extends Error {
  constructor(readonly file: string, readonly detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'ModelFileError';
  }
}

/** Issues quoted in one message: the first few say enough, and a huge bad file must not make a huge message. */
const MAX_ISSUES = 5;

/** Validates parsed JSON against a schema; throws a ModelFileError listing the first problems by path. */
export function checkModelJson<T>(schema: Schema<T>, value: unknown, file = 'config.json'): T {
  const result = validate(schema, value, { root: '', maxErrors: MAX_ISSUES });
  if (result.ok) return result.value;
  // Paths come out as `.num_layers` or `.chronos_config.quantiles[3]` with an empty root.
  const issues = result.errors.map((e) => ({ path: e.path.replace(/^\./, '') || '(top level)', message: e.message }));
  throw new ModelFileError(file, formatIssues(issues).replace(/\n/g, '; '));
}

/**
 * Refuses forecasts holding NaN or Infinity: a checkpoint with corrupt weights (NaN, or values such as
 * 1e38 that overflow float32 inside the network) would otherwise show as a -644% "expected return".
 */
export function assertFiniteOutput(values: ArrayLike<number>, family: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new ModelFileError(
        'model.safetensors',
        `${family} produced ${String(values[i])} in its forecast: the weights are corrupt (NaN, or values too large for float32 arithmetic such as 1e38), or the input series holds values beyond float32 range; nothing was kept`,
      );
    }
  }
}

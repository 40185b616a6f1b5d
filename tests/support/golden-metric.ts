/**
 * The one comparison of this code's outputs with the official implementation's golden vectors
 * (../shared/chronos2-golden and ../shared/chronos-bolt-golden, copied to tests/fixtures), used by every
 * golden test: unit tests on both onnxruntime backends and the browser tests.
 *
 * The READMEs' metric is max |ours − golden| / (|golden| + offset), where NaN (JSON null) must match NaN
 * and the offset keeps values near zero from dominating. Only the offset differs by output:
 *   model cases       the row's `outputs.scale`                          (`modelCaseError`)
 *   pipeline outputs  mean |golden| of the task (Chronos-2) or of the output row (Chronos-Bolt) (`pipelineError`)
 *   embeddings        1 (they live in the normalised space)
 */
import { isBoltCaseFile } from '../../src/core/forecast/bolt/golden-cases';

/** Nested JSON arrays (null = NaN) or a typed array. */
export type Nested = number | null | Nested[];
export type Values = Nested | ArrayLike<number>;

/** Below this every case passes on WASM and native CPU (the READMEs' suggested threshold). */
export const GOLDEN_THRESHOLD = 1e-4;
/** GPU back-ends (the READMEs' suggestion). */
export const GOLDEN_THRESHOLD_GPU = 1e-3;

/** All values in order, null as NaN. */
export function flatValues(values: Values): Float64Array {
  if (typeof values === 'number' || values === null) return Float64Array.of(values ?? NaN);
  if (!Array.isArray(values)) return Float64Array.from(values as ArrayLike<number>);
  const out: number[] = [];
  const walk = (v: Nested) => (Array.isArray(v) ? v.forEach(walk) : out.push(v ?? NaN));
  values.forEach(walk);
  return Float64Array.from(out);
}

/**
 * max |ours − golden| / (|golden| + offset(group)), the values taken in groups of `perGroup` (default: all in
 * one group). NaN must match NaN (else Infinity); a different number of values throws.
 */
export function relativeError(ours: Values, golden: Values, offset: (group: number, goldenGroup: Float64Array) => number, perGroup?: number): number {
  const a = flatValues(ours);
  const g = flatValues(golden);
  if (a.length !== g.length) throw new Error(`shape mismatch: ${a.length} values vs ${g.length} golden values`);
  const size = perGroup ?? g.length;
  if (!(size > 0) || g.length % size !== 0) throw new Error(`${g.length} values do not split into groups of ${size}`);
  let worst = 0;
  for (let start = 0; start < g.length; start += size) {
    const group = g.subarray(start, start + size);
    const d = offset(start / size, group);
    for (let i = start; i < start + size; i++) {
      if (Number.isNaN(g[i]) || Number.isNaN(a[i])) {
        if (!(Number.isNaN(g[i]) && Number.isNaN(a[i]))) return Infinity;
        continue;
      }
      worst = Math.max(worst, Math.abs(a[i] - g[i]) / (Math.abs(g[i]) + d));
    }
  }
  return worst;
}

/** Mean |value| of the non-missing values, over the group's length (the README's mean|golden|). */
function meanAbs(values: Float64Array): number {
  let sum = 0;
  for (const v of values) if (!Number.isNaN(v)) sum += Math.abs(v);
  return sum / Math.max(1, values.length);
}

/** Model cases: row r (of `scale.length` rows) is measured against |golden| + scale[r]. */
export function modelCaseError(ours: Values, golden: Values, scale: readonly number[]): number {
  return relativeError(ours, golden, (row) => scale[row], flatValues(golden).length / scale.length);
}

/** Pipeline outputs: each group of `perGroup` values (default: all) against |golden| + its mean |golden|. */
export function pipelineError(ours: Values, golden: Values, perGroup?: number): number {
  return relativeError(ours, golden, (_, group) => meanAbs(group), perGroup);
}

/** Embeddings (normalised space): against |golden| + 1. */
export function embeddingError(ours: Values, golden: Values): number {
  return relativeError(ours, golden, () => 1);
}

export interface CaseError {
  name: string;
  kind: 'model' | 'pipeline';
  error: number;
}

interface ExpectedCase {
  name: string;
  outputs: Record<string, Nested>;
  forward_calls?: unknown[];
}

interface CaseOutputs {
  model_cases?: ExpectedCase[];
  pipeline_cases?: ExpectedCase[];
  embed_cases?: ExpectedCase[];
}

/** Innermost rows (arrays of numbers) of a nested array: their length. */
function rowLength(values: Nested): number {
  let v = values;
  while (Array.isArray(v) && Array.isArray(v[0])) v = v[0];
  return Array.isArray(v) ? v.length : 1;
}

/**
 * Every case of a raw run (what `forecast --cases` and Settings > Diagnostics return, in the golden format)
 * measured against the golden file it ran: model and embed cases as 'model', pipeline cases as 'pipeline'
 * (a Bolt pipeline case whose sequence of model calls differs from the official one counts as Infinity).
 */
export function compareCaseOutputs(golden: CaseOutputs, ours: CaseOutputs): CaseError[] {
  const bolt = isBoltCaseFile(golden);
  const mine = (list: ExpectedCase[] | undefined, i: number, name: string) => {
    const found = list?.[i];
    if (found?.name !== name) throw new Error(`case ${i} should be "${name}", the outputs have "${found?.name}"`);
    return found;
  };
  const errors: CaseError[] = [];
  (golden.model_cases ?? []).forEach((c, i) => {
    const outputs = mine(ours.model_cases, i, c.name).outputs;
    errors.push({ name: c.name, kind: 'model', error: modelCaseError(outputs.quantile_preds, c.outputs.quantile_preds, c.outputs.scale as number[]) });
  });
  (golden.embed_cases ?? []).forEach((c, i) => {
    errors.push({ name: c.name, kind: 'model', error: embeddingError(mine(ours.embed_cases, i, c.name).outputs.embeddings, c.outputs.embeddings) });
  });
  (golden.pipeline_cases ?? []).forEach((c, i) => {
    const run = mine(ours.pipeline_cases, i, c.name);
    let error = bolt && JSON.stringify(run.forward_calls) !== JSON.stringify(c.forward_calls) ? Infinity : 0;
    for (const [key, want] of Object.entries(c.outputs)) {
      if (key === 'shapes') continue;
      const got = run.outputs[key];
      if (got === undefined) throw new Error(`pipeline case "${c.name}": the outputs have no "${key}"`);
      // Bolt: per output row; Chronos-2: per task (the first index).
      if (bolt) error = Math.max(error, pipelineError(got, want, rowLength(want)));
      else (want as Nested[]).forEach((task, t) => (error = Math.max(error, pipelineError((got as Nested[])[t], task))));
    }
    errors.push({ name: c.name, kind: 'pipeline', error });
  });
  return errors;
}

/** The worst error of each kind. */
export function worstErrors(errors: readonly CaseError[]): { model: number; pipeline: number } {
  const worst = (kind: CaseError['kind']) => Math.max(0, ...errors.filter((e) => e.kind === kind).map((e) => e.error));
  return { model: worst('model'), pipeline: worst('pipeline') };
}

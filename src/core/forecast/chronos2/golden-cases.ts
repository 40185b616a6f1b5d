/**
 * Runs cases in the golden-case format of ../shared/chronos2-golden (README "cases.json format") and
 * returns outputs in the same structure, so any checkpoint can be compared with the official
 * implementation: `{model_cases: [{name, outputs: {quantile_preds}}], pipeline_cases: [{name, outputs:
 * {predictions} | {quantiles, mean}}]}`. JSON null means NaN in both directions.
 */
import type { Chronos2Forward } from './model';
import { Chronos2Pipeline, type Chronos2Task } from './pipeline';

type Num = number | null;

export interface GoldenModelCase {
  name: string;
  inputs: { context: Num[][]; group_ids?: number[] | null; future_covariates?: Num[][] | null; num_output_patches: number };
}

export interface GoldenTask {
  target: Num[] | Num[][];
  past_covariates?: Record<string, Num[]>;
  future_covariates?: Record<string, Num[]>;
}

export interface GoldenPipelineCase {
  name: string;
  api: string;
  inputs: GoldenTask[];
  prediction_length: number;
  predict_kwargs?: { cross_learning?: boolean; batch_size?: number; context_length?: number };
  quantile_levels?: number[];
}

export interface GoldenCaseFile {
  model_cases?: GoldenModelCase[];
  pipeline_cases?: GoldenPipelineCase[];
}

const toRow = (values: Num[]) => Float32Array.from(values, (v) => (v === null ? NaN : v));
const fromRow = (values: Float32Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

export type NestedNumbers = number | null | NestedNumbers[];

export interface PipelineCaseResult {
  name: string;
  outputs: { predictions: NestedNumbers[] } | { quantiles: NestedNumbers[]; mean: NestedNumbers[] };
}

/** Splits a flat row-major array into nested arrays of the given shape. */
export function nest(values: Float32Array, shape: number[]): NestedNumbers[] {
  if (shape.length === 1) return fromRow(values);
  const step = values.length / shape[0];
  return Array.from({ length: shape[0] }, (_, i) => nest(values.subarray(i * step, (i + 1) * step), shape.slice(1)));
}

export async function runModelCase(model: Chronos2Forward, c: GoldenModelCase) {
  const rows = c.inputs.context.length;
  const length = c.inputs.context[0]?.length ?? 0;
  if (c.inputs.context.some((r) => r.length !== length)) throw new Error(`model case "${c.name}": context rows differ in length`);
  const future = c.inputs.future_covariates ?? undefined;
  const out = await model.forward({
    context: toRow(c.inputs.context.flat()),
    rows,
    length,
    groupIds: c.inputs.group_ids ?? undefined,
    futureCovariates: future ? toRow(future.flat()) : undefined,
    futureLength: future ? future[0].length : 0,
    numOutputPatches: c.inputs.num_output_patches,
  });
  const Q = model.config.quantiles.length;
  return {
    name: c.name,
    outputs: {
      quantile_preds: nest(out.quantilePreds, [rows, Q, out.horizon]),
      loc: fromRow(out.loc),
      scale: fromRow(out.scale),
      num_context_patches: out.numContextPatches,
    },
  };
}

export function goldenTaskToTask(t: GoldenTask): Chronos2Task {
  const rows = Array.isArray(t.target[0]) ? (t.target as Num[][]) : [t.target as Num[]];
  const map = (o?: Record<string, Num[]>) => o && Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toRow(v)]));
  return { target: rows.map(toRow), pastCovariates: map(t.past_covariates), futureCovariates: map(t.future_covariates) };
}

export async function runPipelineCase(model: Chronos2Forward, c: GoldenPipelineCase): Promise<PipelineCaseResult> {
  const pipeline = new Chronos2Pipeline(model);
  const tasks = c.inputs.map(goldenTaskToTask);
  const kw = c.predict_kwargs ?? {};
  const options = { predictionLength: c.prediction_length, crossLearning: kw.cross_learning, batchSize: kw.batch_size, contextLength: kw.context_length };
  if (c.api.endsWith('predict_quantiles')) {
    const levels = c.quantile_levels ?? pipeline.quantiles;
    const out = await pipeline.predictQuantiles(tasks, levels, options);
    return {
      name: c.name,
      outputs: {
        quantiles: out.map((t) => nest(t.quantiles, [t.targets, t.horizon, levels.length])),
        mean: out.map((t) => nest(t.mean, [t.targets, t.horizon])),
      },
    };
  }
  if (!c.api.endsWith('predict')) throw new Error(`pipeline case "${c.name}": unknown api "${c.api}"`);
  const out = await pipeline.predict(tasks, options);
  return { name: c.name, outputs: { predictions: out.map((t) => nest(t.quantiles, [t.targets, pipeline.quantiles.length, t.horizon])) } };
}

/** Every case of a golden-case file, in order. */
export async function runGoldenCases(model: Chronos2Forward, file: GoldenCaseFile, onCase?: (name: string) => void | Promise<void>) {
  const model_cases = [];
  for (const c of file.model_cases ?? []) {
    await onCase?.(c.name);
    model_cases.push(await runModelCase(model, c));
  }
  const pipeline_cases = [];
  for (const c of file.pipeline_cases ?? []) {
    await onCase?.(c.name);
    pipeline_cases.push(await runPipelineCase(model, c));
  }
  return { model_cases, pipeline_cases };
}

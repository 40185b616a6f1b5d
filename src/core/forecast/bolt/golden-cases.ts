/**
 * Runs cases in the Chronos-Bolt golden-case format (../shared/chronos-bolt-golden/README.md, "cases.json
 * format") and returns the outputs in the same structure, so any Bolt checkpoint can be compared with the
 * official implementation. JSON null means NaN in both directions.
 */
import { type NestedNumbers, nest } from '../chronos2/golden-cases';
import type { ChronosBoltModel } from './model';
import { type BoltForward, ChronosBoltPipeline } from './pipeline';

type Num = number | null;

export interface BoltGoldenCaseFile {
  model_cases?: { name: string; inputs: { context: Num[][]; mask?: Num[][] | null } }[];
  pipeline_cases?: { name: string; api: string; inputs: Num[][]; prediction_length: number | null; quantile_levels?: number[] }[];
  embed_cases?: { name: string; inputs: Num[][] }[];
}

export interface ForwardCall {
  batch: number;
  context_len: number;
}

const toRow = (values: Num[]) => Float32Array.from(values, (v) => (v === null ? NaN : v));
const fromRow = (values: Float32Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

/** Wraps a model so that every call is logged as (rows, context columns), like the golden `forward_calls`. */
export function recordingForward(model: BoltForward): { model: BoltForward; calls: ForwardCall[] } {
  const calls: ForwardCall[] = [];
  return {
    calls,
    model: {
      config: model.config,
      predict: (context, batch, length) => {
        calls.push({ batch, context_len: length });
        return model.predict(context, batch, length);
      },
      embed: (context, batch, length) => model.embed(context, batch, length),
    },
  };
}

/** True for a cases file in the Bolt format (pipeline inputs are plain series, embed cases may exist). */
export function isBoltCaseFile(file: unknown): file is BoltGoldenCaseFile {
  const f = file as Record<string, unknown>;
  const pipeline = (f.pipeline_cases as { api?: string }[] | undefined) ?? [];
  return Array.isArray(f.embed_cases) || pipeline.some((c) => String(c.api).startsWith('ChronosBoltPipeline'));
}

export async function runBoltGoldenCases(model: ChronosBoltModel, file: BoltGoldenCaseFile, onCase?: (name: string) => void | Promise<void>) {
  const { quantiles, predictionLength: H, dModel } = model.config;
  const Q = quantiles.length;
  const model_cases = [];
  for (const c of file.model_cases ?? []) {
    await onCase?.(c.name);
    const rows = c.inputs.context.length;
    const length = c.inputs.context[0]?.length ?? 0;
    if (c.inputs.context.some((r) => r.length !== length)) throw new Error(`model case "${c.name}": context rows differ in length`);
    const mask = c.inputs.mask ? toRow(c.inputs.mask.flat()) : undefined;
    const out = await model.forward(toRow(c.inputs.context.flat()), rows, length, mask);
    model_cases.push({
      name: c.name,
      outputs: {
        quantile_preds: nest(out.quantilePreds, [rows, Q, H]),
        loc: fromRow(out.loc),
        scale: fromRow(out.scale),
        normalized_quantile_preds: nest(out.normalized, [rows, Q, H]),
        num_patches: out.numPatches,
      },
    });
  }

  const pipeline_cases = [];
  for (const c of file.pipeline_cases ?? []) {
    await onCase?.(c.name);
    const recorder = recordingForward(model);
    const pipeline = new ChronosBoltPipeline(recorder.model);
    const series = c.inputs.map(toRow);
    const options = c.prediction_length === null ? {} : { predictionLength: c.prediction_length };
    let outputs: Record<string, NestedNumbers[]>;
    if (c.api.endsWith('.predict_quantiles')) {
      const levels = c.quantile_levels ?? quantiles;
      const out = await pipeline.predictQuantiles(series, levels, options);
      outputs = { quantiles: nest(out.quantiles, [out.batch, out.predictionLength, levels.length]), mean: nest(out.mean, [out.batch, out.predictionLength]) };
    } else if (c.api.endsWith('.predict')) {
      const out = await pipeline.predict(series, options);
      outputs = { predictions: nest(out.values, [out.batch, Q, out.predictionLength]) };
    } else {
      throw new Error(`pipeline case "${c.name}": unknown api "${c.api}"`);
    }
    pipeline_cases.push({ name: c.name, outputs, forward_calls: recorder.calls });
  }

  const embed_cases = [];
  for (const c of file.embed_cases ?? []) {
    await onCase?.(c.name);
    const out = await new ChronosBoltPipeline(model).embed(c.inputs.map(toRow));
    embed_cases.push({
      name: c.name,
      outputs: { embeddings: nest(out.embeddings, [c.inputs.length, out.positions, dModel]), loc: fromRow(out.loc), scale: fromRow(out.scale) },
    });
  }
  return { model_cases, pipeline_cases, embed_cases };
}

/** Loading and comparing the Chronos-Bolt golden vectors (tests/fixtures/chronos-bolt, README there). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BackendName } from '../../../src/cli/onnx-runtime';
import { parseBoltConfig } from '../../../src/core/forecast/bolt/config';
import { ChronosBoltModel } from '../../../src/core/forecast/bolt/model';
import { readSafetensors } from '../../../src/core/onnx/safetensors';
import { runtimeFor } from '../backends';

export const fixtureDir = fileURLToPath(new URL('../../fixtures/chronos-bolt/', import.meta.url));

type Nested = number | null | Nested[];

export interface GoldenModelCase {
  name: string;
  inputs: { context: Nested[]; mask: Nested[] | null };
  outputs: {
    quantile_preds: Nested[];
    loc: number[];
    scale: number[];
    normalized_quantile_preds: Nested[];
    num_patches: number;
  };
  debug?: Record<string, Nested>;
}

export interface GoldenPipelineCase {
  name: string;
  api: string;
  input_kind: 'list' | 'tensor1d' | 'tensor2d';
  inputs: Nested[][];
  prediction_length: number | null;
  quantile_levels?: number[];
  outputs: { predictions?: Nested[]; quantiles?: Nested[]; mean?: Nested[] };
  forward_calls: { batch: number; context_len: number }[];
}

export interface GoldenCases {
  quantiles: number[];
  encoder_relative_position_buckets: { relative_positions: number[]; buckets: number[] };
  model_cases: GoldenModelCase[];
  pipeline_cases: GoldenPipelineCase[];
  embed_cases: { name: string; inputs: Nested[][]; outputs: { embeddings: Nested[]; loc: number[]; scale: number[] } }[];
}

let cached: GoldenCases | undefined;
export function loadCases(): GoldenCases {
  cached ??= JSON.parse(readFileSync(fixtureDir + 'cases.json', 'utf8')) as GoldenCases;
  return cached;
}

/** Flatten nested JSON arrays to float32 (null = NaN), as the README prescribes. */
export function f32(nested: Nested): Float32Array {
  const out: number[] = [];
  const walk = (v: Nested) => {
    if (Array.isArray(v)) v.forEach(walk);
    else out.push(v === null ? NaN : Math.fround(v));
  };
  walk(nested);
  return Float32Array.from(out);
}

/** One series per row (null = NaN). */
export function series(rows: Nested[][]): Float32Array[] {
  return rows.map((r) => f32(r));
}

/** The tiny golden checkpoint on a backend (`debug`: with the intermediate outputs of the debug vectors). */
export async function goldenBoltModel(backend: BackendName, options: { debug?: boolean } = {}): Promise<ChronosBoltModel> {
  const { ort, executionProviders } = await runtimeFor(backend);
  const config = parseBoltConfig(JSON.parse(readFileSync(fixtureDir + 'config.json', 'utf8')));
  const weights = readSafetensors(new Uint8Array(readFileSync(fixtureDir + 'model.safetensors')));
  return ChronosBoltModel.create(ort, config, weights, { ...options, sessionOptions: { executionProviders } });
}

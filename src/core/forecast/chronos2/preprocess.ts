/**
 * Model-level pre- and post-processing of Chronos-2 on typed arrays (PIPELINE-FACTS.md §4 steps 1–4, 6–8
 * and 11): truncation, instance normalisation with arcsinh, left padding and patching, time encodings,
 * attention masks and RoPE tables. Arithmetic is rounded to float32 step by step (Math.fround) where the
 * official implementation works in float32, so results agree to a few ULPs.
 */
import { FLOAT32_MIN } from '../../onnx/graph-builder';
import type { Chronos2Config } from './config';

const f32 = Math.fround;

/** One call of the model: B rows of T context values (NaN = missing), row-major. */
export interface Chronos2ModelInput {
  context: Float32Array;
  rows: number;
  /** Context columns T (any length ≥ 1; only the last `contextLength` are used). */
  length: number;
  /** Rows with equal ids are forecast jointly (group attention); default 0..B−1 (independent). */
  groupIds?: ArrayLike<number>;
  /** Known future values [B, F] row-major, NaN = unknown; F ≤ numOutputPatches·P. */
  futureCovariates?: Float32Array;
  futureLength?: number;
  numOutputPatches: number;
}

export interface LocScale {
  loc: Float32Array;
  scale: Float32Array;
}

/** A float32 tensor ready for ORT: data plus dims. */
export interface FeedTensor {
  data: Float32Array;
  dims: number[];
}

export interface PreparedFeeds {
  feeds: Record<string, FeedTensor>;
  numContextPatches: number;
}

/**
 * Per-row mean and population standard deviation over the non-NaN values (loc 0 / scale 1 for an
 * all-NaN row; a zero scale becomes 1e-5, never added otherwise).
 */
export function instanceNormStats(values: Float32Array, rows: number, length: number): LocScale {
  const loc = new Float32Array(rows);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = values.subarray(r * length, (r + 1) * length);
    let sum = 0, n = 0;
    for (const x of row) if (!Number.isNaN(x)) { sum += x; n++; }
    const mean = n ? f32(sum / n) : 0;
    let squares = 0;
    for (const x of row) if (!Number.isNaN(x)) squares += f32(x - mean) ** 2;
    const std = n ? f32(Math.sqrt(f32(squares / n))) : 1;
    loc[r] = mean;
    scale[r] = std === 0 ? f32(1e-5) : std;
  }
  return { loc, scale };
}

/** z = asinh((x − loc)/scale) in float32 (or without asinh when the config says so); NaN stays NaN. */
export function normalizeValue(x: number, loc: number, scale: number, useArcsinh: boolean): number {
  const z = f32(f32(x - loc) / scale);
  return useArcsinh ? f32(Math.asinh(z)) : z;
}

/** y = sinh(ŷ)·scale + loc in float32 (the inverse of {@link normalizeValue}). */
export function denormalizeValue(y: number, loc: number, scale: number, useArcsinh: boolean): number {
  const v = useArcsinh ? f32(Math.sinh(y)) : y;
  return f32(f32(v * scale) + loc);
}

/** Keeps the last `contextLength` columns of a [rows, length] matrix. */
export function truncateColumns(values: Float32Array, rows: number, length: number, keep: number): { values: Float32Array; length: number } {
  if (length <= keep) return { values, length };
  const out = new Float32Array(rows * keep);
  for (let r = 0; r < rows; r++) out.set(values.subarray((r + 1) * length - keep, (r + 1) * length), r * keep);
  return { values: out, length: keep };
}

/** cos/sin tables [S, K] for rotate-half RoPE at positions 0..S−1, computed like torch in float32. */
export function ropeTables(sequence: number, headDim: number, theta: number): { cos: Float32Array; sin: Float32Array } {
  const half = headDim / 2;
  const invFreq = Array.from({ length: half }, (_, i) => f32(1 / f32(theta ** f32((2 * i) / headDim))));
  const cos = new Float32Array(sequence * headDim);
  const sin = new Float32Array(sequence * headDim);
  for (let p = 0; p < sequence; p++) {
    for (let i = 0; i < half; i++) {
      const angle = f32(p * invFreq[i]);
      const c = Math.cos(angle), s = Math.sin(angle);
      cos[p * headDim + i] = cos[p * headDim + i + half] = c;
      sin[p * headDim + i] = sin[p * headDim + i + half] = s;
    }
  }
  return { cos, sin };
}

/**
 * Builds every graph input for an already truncated context (see graph.ts for the contract).
 * `stats` are the instance-norm statistics of the same rows.
 */
export function prepareFeeds(config: Chronos2Config, input: Chronos2ModelInput, stats: LocScale): PreparedFeeds {
  const { patchSize: P, timeEncodingScale: tes, useArcsinh } = config;
  const { context, rows: B, length: T, numOutputPatches: Np } = input;
  const N = Math.ceil(T / P);
  const pad = N * P - T;
  const S = N + (config.useRegToken ? 1 : 0) + Np;
  const width = 3 * P;

  const contextPatches = new Float32Array(B * N * width);
  const attend = new Uint8Array(B * S).fill(1); // time attention flags a[b, s]
  for (let b = 0; b < B; b++) {
    for (let n = 0; n < N; n++) {
      const base = (b * N + n) * width;
      let observed = 0;
      for (let p = 0; p < P; p++) {
        const position = n * P + p;
        contextPatches[base + p] = f32((position - N * P) / tes);
        const t = position - pad;
        const x = t >= 0 ? context[b * T + t] : NaN;
        if (!Number.isNaN(x)) {
          contextPatches[base + P + p] = normalizeValue(x, stats.loc[b], stats.scale[b], useArcsinh);
          contextPatches[base + 2 * P + p] = 1;
          observed = 1;
        }
      }
      attend[b * S + n] = observed;
    }
  }

  const futurePatches = new Float32Array(B * Np * width);
  const F = input.futureLength ?? 0;
  if (F > Np * P) throw new Error(`future covariates have ${F} columns, more than the ${Np * P} steps of this call`);
  for (let b = 0; b < B; b++) {
    for (let n = 0; n < Np; n++) {
      const base = (b * Np + n) * width;
      for (let p = 0; p < P; p++) {
        const step = n * P + p;
        futurePatches[base + p] = f32(step / tes);
        const f = step < F && input.futureCovariates ? input.futureCovariates[b * F + step] : NaN;
        if (!Number.isNaN(f)) {
          futurePatches[base + P + p] = normalizeValue(f, stats.loc[b], stats.scale[b], useArcsinh);
          futurePatches[base + 2 * P + p] = 1;
        }
      }
    }
  }

  const timeBias = Float32Array.from(attend, (a) => (a ? 0 : FLOAT32_MIN));
  const groups = input.groupIds ?? Array.from({ length: B }, (_, i) => i);
  const groupBias = new Float32Array(S * B * B);
  for (let s = 0; s < S; s++)
    for (let r = 0; r < B; r++)
      for (let c = 0; c < B; c++)
        groupBias[(s * B + r) * B + c] = groups[r] === groups[c] && attend[c * S + s] ? 0 : FLOAT32_MIN;
  const { cos, sin } = ropeTables(S, config.dKv, config.ropeTheta);

  return {
    numContextPatches: N,
    feeds: {
      context_patches: { data: contextPatches, dims: [B, N, width] },
      future_patches: { data: futurePatches, dims: [B, Np, width] },
      time_attention_bias: { data: timeBias, dims: [B, 1, 1, S] },
      group_attention_bias: { data: groupBias, dims: [S, 1, B, B] },
      rope_cos: { data: cos, dims: [S, config.dKv] },
      rope_sin: { data: sin, dims: [S, config.dKv] },
    },
  };
}

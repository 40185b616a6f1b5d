/**
 * `Chronos2Model`: the model-level forward pass (`Chronos2Model.forward` of the official code) on
 * onnxruntime-web. The ORT module is injected, so Node passes `onnxruntime-web` (WASM) and a browser
 * worker passes whichever entry it loaded (WASM or WebGPU).
 */
import type { BuiltModel } from '../../onnx/graph-builder';
import { readCheckpoint } from '../checkpoint-check';
import { assertFiniteOutput } from '../model-file-error';
import { chronos2TensorShapes } from './checkpoint-layout';
import { parseChronos2Config, type Chronos2Config } from './config';
import { buildChronos2Graph, CHRONOS2_INPUTS, CHRONOS2_OUTPUT } from './graph';
import {
  denormalizeValue,
  instanceNormStats,
  prepareFeeds,
  truncateColumns,
  type Chronos2ModelInput,
} from './preprocess';

/** The onnxruntime-web module (any entry: default, /wasm, /webgpu). */
export type Ort = typeof import('onnxruntime-web');

export interface Chronos2ModelOptions {
  /** ORT execution providers in order of preference (default ['wasm']). */
  executionProviders?: string[];
  /**
   * Rows per session run. Rows of different groups never interact, so a large batch is split into
   * runs of whole groups; this bounds the [S, H, B, B] group-attention scores. Default 64 (fewer for
   * long contexts, see `rowsPerRun`); one group larger than this still runs whole.
   */
  maxRowsPerRun?: number;
}

export interface Chronos2ModelOutput {
  /** [B, Q, Np·P] row-major: the de-normalised quantile forecasts. */
  quantilePreds: Float32Array;
  /** The same before sinh·scale + loc. */
  normalizedQuantilePreds: Float32Array;
  loc: Float32Array;
  scale: Float32Array;
  rows: number;
  horizon: number;
  numContextPatches: number;
}

/** Anything that runs a Chronos-2 forward pass (the pipeline only needs this). */
export interface Chronos2Forward {
  readonly config: Chronos2Config;
  forward(input: Chronos2ModelInput): Promise<Chronos2ModelOutput>;
}

export class Chronos2Model implements Chronos2Forward {
  private constructor(
    readonly config: Chronos2Config,
    private readonly ort: Ort,
    private readonly session: import('onnxruntime-web').InferenceSession,
    private readonly maxRowsPerRun: number,
  ) {}

  /**
   * From a parsed config.json and either the safetensors checkpoint (the graph is built here) or a
   * pre-exported .onnx with the contract of graph.ts.
   */
  static async create(
    ort: Ort,
    source: { configJson: Record<string, unknown>; weights?: Uint8Array; onnx?: Uint8Array },
    options: Chronos2ModelOptions = {},
  ): Promise<Chronos2Model> {
    const config = parseChronos2Config(source.configJson);
    let built: BuiltModel;
    if (source.onnx) built = { model: source.onnx };
    else if (source.weights) built = buildChronos2Graph(config, readCheckpoint(source.weights, chronos2TensorShapes(config)), { externalData: true });
    else throw new Error('Chronos-2: give model.safetensors weights or a .onnx file');
    const session = await ort.InferenceSession.create(built.model, {
      executionProviders: options.executionProviders ?? ['wasm'],
      graphOptimizationLevel: 'all',
      externalData: built.externalData,
    });
    const missing = [
      ...CHRONOS2_INPUTS.filter((name) => !session.inputNames.includes(name)),
      ...(session.outputNames.includes(CHRONOS2_OUTPUT) ? [] : [CHRONOS2_OUTPUT]),
    ];
    if (missing.length) {
      await session.release();
      throw new Error(`Chronos-2 .onnx must have inputs ${CHRONOS2_INPUTS.join(', ')} and output ${CHRONOS2_OUTPUT}; missing ${missing.join(', ')}`);
    }
    return new Chronos2Model(config, ort, session, options.maxRowsPerRun ?? 64);
  }

  async forward(input: Chronos2ModelInput): Promise<Chronos2ModelOutput> {
    const { config } = this;
    const Q = config.quantiles.length;
    const { rows: B, numOutputPatches: Np } = input;
    if (input.context.length !== B * input.length) throw new Error(`context has ${input.context.length} values, expected ${B}x${input.length}`);
    const truncated = truncateColumns(input.context, B, input.length, config.contextLength);
    const stats = instanceNormStats(truncated.values, B, truncated.length);
    const horizon = Np * config.patchSize;
    const normalized = new Float32Array(B * Q * horizon);
    const groups = input.groupIds ?? Array.from({ length: B }, (_, i) => i);
    let numContextPatches = 0;

    for (const rows of splitByGroups(groups, this.rowsPerRun(truncated.length, Np))) {
      const sub = selectRows(rows, truncated.values, truncated.length, input.futureCovariates, input.futureLength ?? 0);
      const prepared = prepareFeeds(
        config,
        { ...input, context: sub.context, rows: rows.length, length: truncated.length, futureCovariates: sub.future, groupIds: rows.map((r) => groups[r]) },
        { loc: Float32Array.from(rows, (r) => stats.loc[r]), scale: Float32Array.from(rows, (r) => stats.scale[r]) },
      );
      numContextPatches = prepared.numContextPatches;
      const feeds: Record<string, import('onnxruntime-web').Tensor> = {};
      for (const [name, t] of Object.entries(prepared.feeds)) feeds[name] = new this.ort.Tensor('float32', t.data, t.dims);
      const result = await this.session.run(feeds);
      const out = result[CHRONOS2_OUTPUT];
      const data = (await out.getData()) as Float32Array;
      out.dispose();
      rows.forEach((r, i) => normalized.set(data.subarray(i * Q * horizon, (i + 1) * Q * horizon), r * Q * horizon));
    }

    const quantilePreds = new Float32Array(normalized.length);
    for (let b = 0; b < B; b++)
      for (let i = b * Q * horizon; i < (b + 1) * Q * horizon; i++)
        quantilePreds[i] = denormalizeValue(normalized[i], stats.loc[b], stats.scale[b], config.useArcsinh);
    assertFiniteOutput(quantilePreds, 'Chronos-2');
    return { quantilePreds, normalizedQuantilePreds: normalized, loc: stats.loc, scale: stats.scale, rows: B, horizon, numContextPatches };
  }

  /**
   * Rows per session run: at most `maxRowsPerRun`, fewer for long contexts so that the time-attention
   * scores [rows, H, S, S] stay within ~256 MiB (e.g. 8192 columns → S = 517 → 20 rows).
   */
  private rowsPerRun(length: number, numOutputPatches: number): number {
    const { patchSize, numHeads, useRegToken } = this.config;
    const S = Math.ceil(length / patchSize) + (useRegToken ? 1 : 0) + numOutputPatches;
    const scoresBytesPerRow = numHeads * S * S * 4;
    return Math.max(1, Math.min(this.maxRowsPerRun, Math.floor(SCORES_BUDGET_BYTES / scoresBytesPerRow)));
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

const SCORES_BUDGET_BYTES = 256 * 2 ** 20;

/** Packs whole groups (rows with equal ids, in order of first appearance) into runs of ≤ maxRows rows. */
export function splitByGroups(groupIds: ArrayLike<number>, maxRows: number): number[][] {
  const members = new Map<number, number[]>();
  for (let r = 0; r < groupIds.length; r++) {
    const list = members.get(groupIds[r]);
    if (list) list.push(r);
    else members.set(groupIds[r], [r]);
  }
  const runs: number[][] = [];
  let current: number[] = [];
  for (const rows of members.values()) {
    if (current.length && current.length + rows.length > maxRows) {
      runs.push(current);
      current = [];
    }
    current = current.concat(rows);
  }
  if (current.length) runs.push(current);
  return runs;
}

function selectRows(rows: number[], context: Float32Array, length: number, future: Float32Array | undefined, futureLength: number) {
  const sub = new Float32Array(rows.length * length);
  rows.forEach((r, i) => sub.set(context.subarray(r * length, (r + 1) * length), i * length));
  let subFuture: Float32Array | undefined;
  if (future && futureLength) {
    subFuture = new Float32Array(rows.length * futureLength);
    rows.forEach((r, i) => subFuture!.set(future.subarray(r * futureLength, (r + 1) * futureLength), i * futureLength));
  }
  return { context: sub, future: subFuture };
}

/**
 * `Chronos2Pipeline`: the official `Chronos2Pipeline.predict` / `predict_quantiles` on top of any
 * {@link Chronos2Forward} (PIPELINE-FACTS.md §5): tasks with targets and covariates, batching with group
 * ids, cross-learning, and horizons longer than one model call (autoregressive unroll over 9 sample
 * paths, recollapsed with weighted quantiles each step).
 */
import { throwIfCancelled, type JobOptions } from '../../jobs/progress';
import type { Chronos2Forward } from './model';
import { interpolateLevels, levelMass, weightedQuantiles } from './quantile-math';

/** One forecasting task: its target rows are forecast jointly; covariates only inform them. */
export interface Chronos2Task {
  /** One or more target rows of equal length, oldest first, NaN = missing. */
  target: ArrayLike<number>[];
  /** Covariates observed over the same history as the target. */
  pastCovariates?: Record<string, ArrayLike<number>>;
  /** Covariates known over the forecast horizon (prediction_length values); each must also be a past covariate. */
  futureCovariates?: Record<string, ArrayLike<number>>;
}

export interface Chronos2PredictOptions extends JobOptions {
  predictionLength: number;
  /** All rows of a batch in one group (information shared across tasks). Default false. */
  crossLearning?: boolean;
  /** Rows per batch; a batch takes tasks until it holds at least this many rows. Default 256. */
  batchSize?: number;
  /** Context columns kept per task, capped at the model's context length. */
  contextLength?: number;
  /** Output patches per model call (default: the config's max_output_patches). */
  maxOutputPatches?: number;
  /** Levels of the sample paths of the long-horizon unroll (default 0.1 … 0.9). */
  unrollQuantiles?: number[];
}

/** A task's forecast: [targets, Q, horizon] row-major, Q = the model's quantile levels. */
export interface Chronos2TaskForecast {
  quantiles: Float32Array;
  targets: number;
  horizon: number;
}

/** Task rows in model order: targets, past-only covariates (sorted), known-future covariates (sorted). */
interface TaskRows {
  context: Float32Array; // [rows, length]
  future: Float32Array; // [rows, predictionLength], NaN = unknown
  rows: number;
  length: number;
  targets: number;
}

const DEFAULT_UNROLL = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export class Chronos2Pipeline {
  constructor(readonly model: Chronos2Forward) {}

  get quantiles(): number[] {
    return this.model.config.quantiles;
  }

  async predict(tasks: Chronos2Task[], options: Chronos2PredictOptions): Promise<Chronos2TaskForecast[]> {
    const H = options.predictionLength;
    if (!Number.isInteger(H) || H < 1) throw new Error(`prediction length must be a positive integer, got ${H}`);
    const contextLength = Math.min(options.contextLength ?? this.model.config.contextLength, this.model.config.contextLength);
    const rows = tasks.map((task, i) => taskRows(task, i, H, contextLength));
    const batchSize = options.batchSize ?? 256;
    const results: Chronos2TaskForecast[] = [];
    const Q = this.quantiles.length;
    let start = 0;
    while (start < rows.length) {
      let end = start, count = 0;
      while (end < rows.length && count < batchSize) count += rows[end++].rows;
      const batch = rows.slice(start, end);
      const forecast = await this.predictBatch(batch, options);
      let row = 0;
      for (const task of batch) {
        results.push({ quantiles: forecast.slice(row * Q * H, (row + task.targets) * Q * H), targets: task.targets, horizon: H });
        row += task.rows;
      }
      options.onProgress?.({ status: 'progress', done: end, total: rows.length, unit: 'tasks' });
      start = end;
    }
    return results;
  }

  /**
   * Quantiles at arbitrary `levels` ([targets, horizon, levels] per task) and the median as "mean",
   * interpolated between the model's levels and held at its extreme levels outside them.
   */
  async predictQuantiles(tasks: Chronos2Task[], levels: number[], options: Chronos2PredictOptions): Promise<{ quantiles: Float32Array; mean: Float32Array; targets: number; horizon: number }[]> {
    const forecasts = await this.predict(tasks, options);
    return forecasts.map(({ quantiles, targets, horizon }) => {
      const atLevels = interpolateLevels(quantiles, targets, this.quantiles, horizon, levels);
      const median = interpolateLevels(quantiles, targets, this.quantiles, horizon, [0.5]);
      const L = levels.length;
      const swapped = new Float32Array(targets * horizon * L);
      for (let r = 0; r < targets; r++)
        for (let l = 0; l < L; l++)
          for (let t = 0; t < horizon; t++) swapped[(r * horizon + t) * L + l] = atLevels[(r * L + l) * horizon + t];
      return { quantiles: swapped, mean: median, targets, horizon };
    });
  }

  /** All rows of a batch → [rows, Q, predictionLength]. */
  private async predictBatch(batch: TaskRows[], options: Chronos2PredictOptions): Promise<Float32Array> {
    const { config } = this.model;
    const P = config.patchSize;
    const Q = config.quantiles.length;
    const H = options.predictionLength;
    const maxPatches = options.maxOutputPatches ?? config.maxOutputPatches;
    const patchesFor = (remaining: number) => Math.min(Math.ceil(remaining / P), maxPatches);

    // Stack the tasks, left-padding shorter contexts with NaN.
    const B = batch.reduce((s, t) => s + t.rows, 0);
    const T = Math.max(...batch.map((t) => t.length));
    const context = new Float32Array(B * T).fill(NaN);
    const future = new Float32Array(B * H);
    const groups: number[] = [];
    let row = 0;
    batch.forEach((task, index) => {
      for (let r = 0; r < task.rows; r++, row++) {
        context.set(task.context.subarray(r * task.length, (r + 1) * task.length), row * T + T - task.length);
        future.set(task.future.subarray(r * H, (r + 1) * H), row * H);
        groups.push(options.crossLearning ? 0 : index);
      }
    });

    const call = async (ctx: Float32Array, rows: number, length: number, groupIds: number[], fut: Float32Array, futureColumns: number, patches: number) => {
      throwIfCancelled(options.signal);
      const width = patches * P;
      const padded = new Float32Array(rows * width).fill(NaN);
      const copy = Math.min(width, futureColumns);
      for (let r = 0; r < rows; r++) padded.set(fut.subarray(r * futureColumns, r * futureColumns + copy), r * width);
      const out = await this.model.forward({ context: ctx, rows, length, groupIds, futureCovariates: padded, futureLength: width, numOutputPatches: patches });
      return out.quantilePreds;
    };

    let h = patchesFor(H) * P;
    let prediction = await call(context, B, T, groups, future, H, patchesFor(H));
    const pieces = [{ values: prediction, steps: h }];
    let produced = h;
    if (produced < H) {
      const U = options.unrollQuantiles ?? DEFAULT_UNROLL;
      const J = U.length;
      const massU = levelMass(U), massQ = levelMass(config.quantiles);
      const sampleWeights = new Float32Array(J * Q);
      for (let j = 0; j < J; j++) for (let q = 0; q < Q; q++) sampleWeights[j * Q + q] = Math.fround(massU[j] * massQ[q]);
      // Each row becomes J sample paths (row-major (row, path)); paths never share a group.
      const pathGroups = groups.flatMap((g) => U.map((_, j) => g * J + j));
      let length = T;
      let pathContext = repeatRows(context, B, T, J);
      let futureColumns = H;
      let pathFuture = repeatRows(future, B, H, J);
      while (produced < H) {
        const atU = interpolateLevels(prediction, B, config.quantiles, h, U); // [B, J, h]
        const newLength = Math.min(length + h, config.contextLength);
        const next = new Float32Array(B * J * newLength);
        for (let p = 0; p < B * J; p++) {
          const joined = new Float32Array(length + h);
          joined.set(pathContext.subarray(p * length, (p + 1) * length));
          joined.set(atU.subarray(p * h, (p + 1) * h), length);
          // Known future covariates replace their own forecasts.
          for (let k = 0; k < Math.min(h, futureColumns); k++) {
            const known = pathFuture[p * futureColumns + k];
            if (!Number.isNaN(known)) joined[length + k] = known;
          }
          next.set(joined.subarray(length + h - newLength), p * newLength);
        }
        pathContext = next;
        length = newLength;
        const remainingColumns = Math.max(futureColumns - h, 0);
        pathFuture = dropColumns(pathFuture, B * J, futureColumns, h);
        futureColumns = remainingColumns;

        const patches = patchesFor(H - produced);
        const samples = await call(pathContext, B * J, length, pathGroups, pathFuture, futureColumns, patches);
        h = patches * P;
        // [B·J, Q, h] is already [B, J·Q samples, h].
        prediction = weightedQuantiles(samples, B, J * Q, h, sampleWeights, config.quantiles);
        pieces.push({ values: prediction, steps: h });
        produced += h;
      }
    }

    // Concatenate along time, truncated to the prediction length.
    const out = new Float32Array(B * Q * H);
    let offset = 0;
    for (const { values, steps } of pieces) {
      const take = Math.min(steps, H - offset);
      for (let rq = 0; rq < B * Q; rq++) out.set(values.subarray(rq * steps, rq * steps + take), rq * H + offset);
      offset += take;
    }
    return out;
  }
}

function taskRows(task: Chronos2Task, index: number, H: number, contextLength: number): TaskRows {
  const where = `task ${index}`;
  if (!task.target?.length) throw new Error(`${where}: target needs at least one row`);
  const T = task.target[0].length;
  if (T < 1) throw new Error(`${where}: target is empty`);
  const past = task.pastCovariates ?? {};
  const known = task.futureCovariates ?? {};
  for (const name of Object.keys(known)) {
    if (!(name in past)) throw new Error(`${where}: future covariate "${name}" must also be given as a past covariate`);
    if (known[name].length !== H) throw new Error(`${where}: future covariate "${name}" has ${known[name].length} values, expected the prediction length ${H}`);
  }
  const pastOnly = Object.keys(past).filter((n) => !(n in known)).sort();
  const knownNames = Object.keys(known).sort();
  const series = [...task.target.map((t, i) => [`target row ${i}`, t] as const), ...[...pastOnly, ...knownNames].map((n) => [`covariate "${n}"`, past[n]] as const)];
  for (const [name, values] of series) {
    if (values.length !== T) throw new Error(`${where}: ${name} has ${values.length} values, expected ${T} like the target`);
  }
  const length = Math.min(T, contextLength);
  const rows = series.length;
  const context = new Float32Array(rows * length);
  series.forEach(([, values], r) => {
    for (let t = 0; t < length; t++) context[r * length + t] = values[T - length + t];
  });
  const future = new Float32Array(rows * H).fill(NaN);
  knownNames.forEach((n, i) => {
    const r = task.target.length + pastOnly.length + i;
    for (let t = 0; t < H; t++) future[r * H + t] = known[n][t];
  });
  return { context, future, rows, length, targets: task.target.length };
}

/** [rows, width] → [rows·copies, width] with each row repeated `copies` times in place. */
function repeatRows(values: Float32Array, rows: number, width: number, copies: number): Float32Array {
  const out = new Float32Array(rows * copies * width);
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < copies; j++) out.set(values.subarray(r * width, (r + 1) * width), (r * copies + j) * width);
  return out;
}

function dropColumns(values: Float32Array, rows: number, width: number, drop: number): Float32Array {
  const keep = Math.max(width - drop, 0);
  const out = new Float32Array(rows * keep);
  for (let r = 0; r < rows; r++) out.set(values.subarray(r * width + width - keep, (r + 1) * width), r * keep);
  return out;
}

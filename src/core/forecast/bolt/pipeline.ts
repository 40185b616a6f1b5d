import { throwIfCancelled } from '../../jobs/progress';
import type { BoltConfig } from './config';
import { lastColumns } from './preprocess';
import { torchQuantiles } from './torch-quantile';

/** What the pipeline needs from a model: one forward call on a [batch, length] float32 context (NaN = missing). */
export interface BoltForward {
  readonly config: BoltConfig;
  /** De-normalised quantile forecasts [batch, Q, H] (quantile-major per row). */
  predict(context: Float32Array, batch: number, length: number): Promise<Float32Array>;
  /** Encoder output after the final norm [batch, N + 1, D], with the instance-norm statistics. */
  embed(context: Float32Array, batch: number, length: number): Promise<BoltEmbedding>;
}

export interface BoltEmbedding {
  embeddings: Float32Array;
  positions: number;
  loc: Float32Array;
  scale: Float32Array;
}

export interface BoltPrediction {
  batch: number;
  predictionLength: number;
  /** The model's quantile levels, in output order. */
  levels: number[];
  /** [batch, Q, predictionLength]. */
  values: Float32Array;
}

export interface BoltPredictOptions {
  /** Defaults to the model horizon H; longer horizons use Bolt's own autoregressive extension. */
  predictionLength?: number;
  /** Refuse horizons longer than H instead of extending (upstream's `limit_prediction_length`). */
  limitPredictionLength?: boolean;
  signal?: AbortSignal;
}

/**
 * Stack series of any lengths into one [batch, length] float32 context, left-padded with NaN to the longest
 * (upstream's handling of a list of 1-D tensors; equal-length rows are a 2-D tensor used as is).
 */
export function stackLeftPadded(series: ArrayLike<number>[]): { context: Float32Array; batch: number; length: number } {
  if (series.length === 0) throw new Error('no series to forecast');
  const length = Math.max(...series.map((s) => s.length));
  if (length === 0) throw new Error('every series is empty');
  const context = new Float32Array(series.length * length).fill(NaN);
  series.forEach((s, b) => {
    const start = b * length + length - s.length;
    for (let t = 0; t < s.length; t++) context[start + t] = s[t];
  });
  return { context, batch: series.length, length };
}

/** ChronosBoltPipeline (BOLT-FACTS §5) over any `BoltForward` model. */
export class ChronosBoltPipeline {
  constructor(readonly model: BoltForward) {}

  get levels(): number[] {
    return this.model.config.quantiles;
  }

  async predict(series: ArrayLike<number>[], options: BoltPredictOptions = {}): Promise<BoltPrediction> {
    const { contextLength: C, predictionLength: H, quantiles } = this.model.config;
    const L = options.predictionLength ?? H;
    if (!Number.isInteger(L) || L < 1) throw new Error(`prediction length must be a positive integer, got ${L}`);
    if (L > H && options.limitPredictionLength) {
      throw new Error(`prediction length ${L} exceeds the model horizon ${H} and limitPredictionLength is set`);
    }
    const Q = quantiles.length;
    const stacked = stackLeftPadded(series);
    const B = stacked.batch;
    let T = Math.min(stacked.length, C);
    const first = lastColumns(stacked.context, B, stacked.length, T);

    const pieces: Float32Array[] = [await this.model.predict(first, B, T)];
    if (L > H) {
      // Each row becomes Q paths (row-major b·Q + j); path j is extended by quantile j of the last prediction.
      let paths: Float32Array = new Float32Array(B * Q * T);
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < Q; j++) paths.set(first.subarray(b * T, (b + 1) * T), (b * Q + j) * T);
      }
      const levels = Float32Array.from(quantiles);
      const sample = new Float32Array(Q * Q);
      for (let have = H; have < L; have += H) {
        throwIfCancelled(options.signal);
        const last = pieces[pieces.length - 1];
        const grown = new Float32Array(B * Q * (T + H));
        for (let row = 0; row < B * Q; row++) {
          grown.set(paths.subarray(row * T, (row + 1) * T), row * (T + H));
          grown.set(last.subarray(row * H, (row + 1) * H), row * (T + H) + T); // last[b, j, :] for row b·Q + j
        }
        const nextT = Math.min(T + H, C);
        paths = lastColumns(grown, B * Q, T + H, nextT);
        T = nextT;
        const out = await this.model.predict(paths, B * Q, T); // [B·Q, Q, H] = [B, Q·Q samples, H]
        const reduced = new Float32Array(B * Q * H);
        for (let b = 0; b < B; b++) {
          for (let t = 0; t < H; t++) {
            for (let s = 0; s < Q * Q; s++) sample[s] = out[(b * Q * Q + s) * H + t];
            torchQuantiles(sample, levels, reduced, b * Q * H + t, H);
          }
        }
        pieces.push(reduced);
      }
    }
    return { batch: B, predictionLength: L, levels: quantiles, values: concatSteps(pieces, B * Q, H, L) };
  }

  /**
   * Forecasts at any `levels` as [batch, L, K] plus the median [batch, L] (upstream calls it `mean`). Levels on
   * the model grid are read off directly; others interpolate over the sorted model quantiles, held constant
   * beyond the first and last level.
   */
  async predictQuantiles(
    series: ArrayLike<number>[],
    levels: number[],
    options: BoltPredictOptions = {},
  ): Promise<{ batch: number; predictionLength: number; quantiles: Float32Array; mean: Float32Array }> {
    const prediction = await this.predict(series, options);
    return { batch: prediction.batch, predictionLength: prediction.predictionLength, ...quantilesAtLevels(prediction, levels) };
  }

  async embed(series: ArrayLike<number>[]): Promise<BoltEmbedding> {
    const C = this.model.config.contextLength;
    const { context, batch, length } = stackLeftPadded(series);
    const T = Math.min(length, C);
    return this.model.embed(lastColumns(context, batch, length, T), batch, T);
  }
}

/** Concatenate [rows, H] pieces along time and cut to L steps: [rows, L]. */
function concatSteps(pieces: Float32Array[], rows: number, H: number, L: number): Float32Array {
  const out = new Float32Array(rows * L);
  pieces.forEach((piece, k) => {
    const steps = Math.min(H, L - k * H);
    for (let r = 0; r < rows; r++) out.set(piece.subarray(r * H, r * H + steps), r * L + k * H);
  });
  return out;
}

/** predict_quantiles' post-processing of a [B, Q, L] prediction (BOLT-FACTS §5.7). */
export function quantilesAtLevels(prediction: BoltPrediction, levels: number[]): { quantiles: Float32Array; mean: Float32Array } {
  const { batch: B, predictionLength: L, levels: grid, values } = prediction;
  const Q = grid.length;
  const K = levels.length;
  const quantiles = new Float32Array(B * L * K);
  const mean = new Float32Array(B * L);
  const median = grid.indexOf(0.5);
  const columns = levels.map((level) => grid.indexOf(level));
  const onGrid = columns.every((c) => c >= 0);
  const augmented = new Float32Array(Q + 2);
  const requested = Float32Array.from(levels);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < L; t++) {
      const at = (q: number) => values[(b * Q + q) * L + t];
      mean[b * L + t] = median >= 0 ? at(median) : NaN;
      const row = (b * L + t) * K;
      if (onGrid) {
        columns.forEach((c, k) => (quantiles[row + k] = at(c)));
        continue;
      }
      // Duplicate the outer quantiles so levels beyond them are held constant, then torch.quantile.
      augmented[0] = at(0);
      for (let q = 0; q < Q; q++) augmented[q + 1] = at(q);
      augmented[Q + 1] = at(Q - 1);
      torchQuantiles(augmented, requested, quantiles, row, 1);
    }
  }
  return { quantiles, mean };
}

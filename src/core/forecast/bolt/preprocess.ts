import type { BoltConfig } from './config';

/**
 * Model-side input processing of Chronos-Bolt (BOLT-FACTS §4.1): truncation to the context length,
 * instance normalisation WITHOUT arcsinh, right-aligned patches with their observed-value mask, and one
 * attention flag per encoder position (patches, then the always-attended [REG] token).
 */
export interface BoltEncoderInput {
  batch: number;
  numPatches: number;
  /** [batch, numPatches, 2P]: P normalised values (0 where missing) then P mask values. */
  patches: Float32Array;
  /** [batch, numPatches + 1]: 1 where the position may be attended (a patch with a value, or [REG]). */
  attentionFlags: Float32Array;
  loc: Float32Array;
  scale: Float32Array;
}

/** Per-row mean and population std over the non-NaN values (loc 0 / scale 1 for an all-NaN row). */
export function instanceNorm(
  context: Float32Array,
  batch: number,
  length: number,
): { loc: Float32Array; scale: Float32Array } {
  const loc = new Float32Array(batch);
  const scale = new Float32Array(batch);
  for (let b = 0; b < batch; b++) {
    const row = context.subarray(b * length, (b + 1) * length);
    let sum = 0;
    let n = 0;
    for (const x of row) {
      if (!Number.isNaN(x)) {
        sum += x;
        n++;
      }
    }
    if (n === 0) {
      loc[b] = 0;
      scale[b] = 1;
      continue;
    }
    const mean = Math.fround(sum / n);
    let sq = 0;
    for (const x of row) {
      if (!Number.isNaN(x)) {
        const d = Math.fround(x - mean);
        sq += d * d;
      }
    }
    const std = Math.fround(Math.sqrt(sq / n));
    loc[b] = mean;
    // Upstream replaces an exactly-zero scale (constant series) by 1e-5; it never adds an epsilon.
    scale[b] = std === 0 ? 1e-5 : std;
  }
  return { loc, scale };
}

/** Keep the last `keep` columns of a row-major [batch, length] array. */
export function lastColumns(values: Float32Array, batch: number, length: number, keep: number): Float32Array {
  if (keep >= length) return values;
  const out = new Float32Array(batch * keep);
  for (let b = 0; b < batch; b++) out.set(values.subarray(b * length + length - keep, (b + 1) * length), b * keep);
  return out;
}

/**
 * Turn a [batch, length] context (NaN = missing) into encoder inputs. `mask` (same shape, optional) hides
 * values from the encoder only; loc/scale always use the NaN pattern of the context, as upstream does.
 */
export function prepareEncoderInput(
  config: Pick<BoltConfig, 'contextLength' | 'patchSize'>,
  context: Float32Array,
  batch: number,
  length: number,
  mask?: Float32Array,
): BoltEncoderInput {
  if (context.length !== batch * length) throw new Error(`context has ${context.length} values, expected ${batch}x${length}`);
  if (mask && mask.length !== context.length) throw new Error(`mask has ${mask.length} values, expected ${batch}x${length}`);
  if (length < 1) throw new Error('context must have at least one column');
  const kept = Math.min(length, config.contextLength);
  const values = lastColumns(context, batch, length, kept);
  const observed = mask ? lastColumns(mask, batch, length, kept) : undefined;
  const { loc, scale } = instanceNorm(values, batch, kept);

  const P = config.patchSize;
  const numPatches = Math.ceil(kept / P);
  const pad = numPatches * P - kept; // left padding: patches end exactly at the last observation
  const patches = new Float32Array(batch * numPatches * 2 * P);
  const attentionFlags = new Float32Array(batch * (numPatches + 1));
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < kept; t++) {
      const x = values[b * kept + t];
      const m = observed ? observed[b * kept + t] : Number.isNaN(x) ? 0 : 1;
      const padded = t + pad;
      const patch = Math.floor(padded / P);
      const base = (b * numPatches + patch) * 2 * P;
      const within = padded % P;
      // The normalised value reaches the model only where the mask says observed (NaN or hidden -> 0).
      patches[base + within] = m > 0 ? Math.fround(Math.fround(x - loc[b]) / scale[b]) : 0;
      patches[base + P + within] = m;
      if (m > 0) attentionFlags[b * (numPatches + 1) + patch] = 1;
    }
    attentionFlags[b * (numPatches + 1) + numPatches] = 1; // [REG]
  }
  return { batch, numPatches, patches, attentionFlags, loc, scale };
}

/** y = ŷ · scale + loc per row, on [batch, ...] row-major data. */
export function denormalize(normalized: Float32Array, loc: Float32Array, scale: Float32Array): Float32Array {
  const batch = loc.length;
  const perRow = normalized.length / batch;
  const out = new Float32Array(normalized.length);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < perRow; i++) {
      out[b * perRow + i] = Math.fround(normalized[b * perRow + i] * scale[b]) + loc[b];
    }
  }
  return out;
}

/**
 * T5's bidirectional relative-position buckets (BOLT-FACTS §4.2). Half of the buckets are for keys at or
 * before the query (r <= 0), half for keys after it; small distances get one bucket each, larger ones share
 * logarithmically wider buckets up to `maxDistance`.
 */
export function relativePositionBucket(relative: number, numBuckets = 32, maxDistance = 128): number {
  const half = numBuckets >> 1;
  const offset = relative > 0 ? half : 0;
  const distance = Math.abs(relative);
  const maxExact = half >> 1;
  if (distance < maxExact) return offset + distance;
  // Upstream computes the log ratio in float32 and truncates; fround each step to land in the same bucket.
  const logRatio = Math.fround(Math.log(Math.fround(distance / maxExact)));
  const scaled = Math.fround(Math.fround(logRatio / Math.fround(Math.log(maxDistance / maxExact))) * (half - maxExact));
  return offset + Math.min(half - 1, maxExact + Math.trunc(scaled));
}

/**
 * Bucket of every (query i, key j) pair of an encoder with `positions` tokens, row-major [i * positions + j],
 * as int64 indices into the relative-attention-bias table.
 */
export function relativePositionBucketMatrix(positions: number, numBuckets = 32, maxDistance = 128): BigInt64Array {
  const out = new BigInt64Array(positions * positions);
  for (let i = 0; i < positions; i++) {
    for (let j = 0; j < positions; j++) {
      out[i * positions + j] = BigInt(relativePositionBucket(j - i, numBuckets, maxDistance));
    }
  }
  return out;
}

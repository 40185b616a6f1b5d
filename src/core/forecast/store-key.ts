/**
 * The key of a stored forecast: everything that decides the model's output. Two requests with the same key get
 * the same forecast, so a backtest, a sweep, an evaluation or today's signals can reuse what another computed.
 *
 *   model         model id + revision (catalog) or the checkpoint's sha256 (files), see `modelIdentity`
 *   symbol, originDate   whose forecast, made at which date's close
 *   contextLength the number of values given to the model, horizon the steps forecast
 *   covariates    fingerprint of the past covariates and related series ('' when none)
 *   data          fingerprint of the target values themselves, so re-imported or corrected prices never
 *                 reuse a forecast made from the old ones
 */
import type { ForecastRequest } from './types';

export interface ForecastKey {
  /** The whole key as one string (the store's primary key). */
  id: string;
  model: string;
  symbol: string;
  originDate: string;
}

/** Bumped when the key recipe or the stored format changes, so old entries are never misread. */
const KEY_VERSION = 'v1';

/** The identity of a model for the store: its revision when it has one, else the sha256 of its files. */
export function modelIdentity(id: string, revisionOrSha256: string): string {
  return `${id}@${revisionOrSha256}`;
}

export function forecastKey(model: string, request: ForecastRequest & Required<Pick<ForecastRequest, 'origin'>>, horizon: number): ForecastKey {
  const { symbol, date } = request.origin;
  const parts = [KEY_VERSION, model, symbol, date, `ctx${request.target.length}`, `h${horizon}`,
    `cov:${covariateFingerprint(request)}`, `data:${fingerprint([request.target])}`];
  return { id: parts.join('|'), model, symbol, originDate: date };
}

/** '' without covariates; otherwise the fingerprint of every covariate and related series, by sorted name. */
export function covariateFingerprint(request: Pick<ForecastRequest, 'pastCovariates' | 'relatedTargets'>): string {
  const named = [
    ...Object.entries(request.pastCovariates ?? {}).map(([name, values]) => [`past:${name}`, values] as const),
    ...Object.entries(request.relatedTargets ?? {}).map(([name, values]) => [`related:${name}`, values] as const),
  ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (named.length === 0) return '';
  return `${named.map(([name]) => name).join(',')}:${fingerprint(named.map(([, values]) => values))}`;
}

/**
 * A 64-bit fingerprint (16 hex digits) of the exact float64 bits of some arrays and their lengths: two
 * multiplicative hash lanes over 32-bit words (not cryptographic; collisions are ~2^-64 per pair).
 */
export function fingerprint(arrays: readonly Float64Array[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const values of arrays) {
    const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    h1 = Math.imul(h1 ^ values.length, 2654435761);
    h2 = Math.imul(h2 ^ values.length, 1597334677);
    for (let i = 0; i < words.length; i++) {
      h1 = Math.imul(h1 ^ words[i], 2654435761);
      h2 = Math.imul(h2 ^ words[i], 1597334677);
      h1 ^= h1 >>> 15;
      h2 ^= h2 >>> 13;
    }
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

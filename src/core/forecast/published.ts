/**
 * The site's published forecasts, `data/forecasts.json` next to the price feed's manifest: the merged output of
 * the Pages workflow's `forecast --shard I/N` runs (src/cli/forecast.ts, `ForecastFile`). The app shows them as
 * precomputed, so they are checked like any imported file: the shape first, then that every symbol's quantiles
 * have the model's levels and the horizon, and that the median and expected return written next to them are
 * the ones those quantiles give (a file edited by hand or cut short is refused, never half shown).
 */
import { summarizeForecast } from './summary';
import type { Forecast, ForecasterInfo } from './types';
import { array, isoDate, json, number, object, oneOf, optional, parseJson, string, validate, type ValidationIssue, type ValidationResult } from '../validate';
import { symbolName } from '../validate/shapes';

/** The file name next to `data/manifest.json`. */
export const PUBLISHED_FORECASTS_FILE = 'forecasts.json';

export interface PublishedForecast {
  symbol: string;
  /** The last bar the forecast used: the forecast's as-of date. */
  lastDate: string;
  lastClose: number;
  forecast: Forecast;
}

export interface PublishedForecasts {
  model: ForecasterInfo & {
    /** `id@revision` of the weights (catalog models) or `id@sha256:...` (a checkpoint directory). */
    identity: string;
  };
  horizon: number;
  forecasts: PublishedForecast[];
}

const KINDS = ['chronos-2', 'chronos-bolt', 'baseline'] as const satisfies readonly ForecasterInfo['kind'][];
const MAX_HORIZON = 1024;
const MAX_LEVELS = 99;
const level = () => number({ above: 0, below: 1 });
const row = () => array(number(), { minLength: 1, maxLength: MAX_HORIZON });

const fileSchema = object({
  model: object({
    identity: string({ minLength: 3, maxLength: 300, pattern: /^[^@\s]+@[^@\s]+$/, patternName: 'a model identity such as amazon/chronos-bolt-small@<revision>' }),
    id: string({ minLength: 1, maxLength: 200 }),
    label: string({ minLength: 1, maxLength: 200 }),
    kind: oneOf(KINDS),
    levels: array(level(), { minLength: 1, maxLength: MAX_LEVELS }),
  }),
  horizon: number({ integer: true, min: 1, max: MAX_HORIZON }),
  forecasts: array(object({
    symbol: symbolName(),
    lastDate: isoDate(),
    lastClose: number({ above: 0 }),
    levels: array(level(), { minLength: 1, maxLength: MAX_LEVELS }),
    quantiles: array(row(), { minLength: 1, maxLength: MAX_LEVELS }),
    median: row(),
    expectedReturn: number(),
  }), { maxLength: 5000 }),
  /** Only to say what is wrong: a shard is an input of `merge`, not a publishable file. */
  shard: optional(json()),
});

/** The revision part of a model identity (`amazon/chronos-bolt-small@abc123` -> `abc123`). */
export function modelRevision(identity: string): string {
  return identity.slice(identity.lastIndexOf('@') + 1);
}

/** Close enough for numbers that went through JSON and the same arithmetic (they are equal in practice). */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** `forecasts.json` text (or its parsed JSON) -> the published forecasts, or every problem with its path. */
export function parsePublishedForecasts(input: string | unknown): ValidationResult<PublishedForecasts> {
  const root = 'forecasts.json';
  const checked = typeof input === 'string' ? parseJson(input, fileSchema, { root }) : validate(fileSchema, input, { root });
  if (!checked.ok) return checked;
  const file = checked.value;
  if (file.shard !== undefined) {
    return { ok: false, errors: [{ path: `${root}.shard`, message: 'this is one shard of a forecast run: publish the output of `merge`, not a shard' }] };
  }
  const { horizon } = file;
  const levels = file.model.levels;
  const errors: ValidationIssue[] = [];
  const seen = new Set<string>();
  const forecasts: PublishedForecast[] = [];
  for (const [i, entry] of file.forecasts.entries()) {
    const at = `${root}.forecasts[${i}]`;
    const problem = (field: string, message: string) => errors.push({ path: `${at}.${field}`, message });
    if (seen.has(entry.symbol)) problem('symbol', `${entry.symbol} is listed twice`);
    seen.add(entry.symbol);
    if (entry.levels.join() !== levels.join()) problem('levels', `expected the model's levels [${levels.join(', ')}], got [${entry.levels.join(', ')}]`);
    if (entry.quantiles.length !== levels.length) problem('quantiles', `expected ${levels.length} rows (one per level), got ${entry.quantiles.length}`);
    const short = entry.quantiles.findIndex((r) => r.length !== horizon);
    if (short >= 0) problem(`quantiles[${short}]`, `expected ${horizon} values (the horizon), got ${entry.quantiles[short].length}`);
    if (errors.length > 0) continue;
    const forecast = summarizeForecast({ levels, quantiles: Float64Array.from(entry.quantiles.flat()), horizon, lastPrice: entry.lastClose });
    const step = entry.median.findIndex((m, t) => !same(m, forecast.median[t]));
    if (entry.median.length !== horizon || step >= 0) problem('median', `does not match the quantiles${step >= 0 ? ` at step ${step + 1}` : ` (expected ${horizon} values)`}`);
    else if (!same(entry.expectedReturn, forecast.expectedReturn)) problem('expectedReturn', `${entry.expectedReturn} does not match the median and lastClose (${forecast.expectedReturn})`);
    else forecasts.push({ symbol: entry.symbol, lastDate: entry.lastDate, lastClose: entry.lastClose, forecast });
  }
  if (errors.length > 0) return { ok: false, errors };
  const { identity, id, label, kind } = file.model;
  return { ok: true, value: { model: { identity, id, label, kind, levels }, horizon, forecasts } };
}

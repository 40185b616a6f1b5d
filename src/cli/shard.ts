/**
 * Sharding by symbol for running `backtest` and `forecast` on several machines: `--shard I/N` keeps the
 * symbols at positions p (in the order the files list them) with p mod N = I - 1, and the command writes a
 * shard file that `merge` combines with the other N - 1 into the output of the unsharded run.
 */
import type { PriceSeries } from '../core/data/types';
import type { StoredForecast } from '../core/forecast/forecast-store';
import type { ForecastKey } from '../core/forecast/store-key';
import { CliError } from './args';
import { decodeFloat64, encodeFloat64 } from './forecast-cache';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !(count >= 1 && index >= 1 && index <= count)) throw new CliError(`option --shard expects I/N with 1 <= I <= N (e.g. 2/4), got "${value}"`);
  return { index, count };
}

export function inShard(position: number, shard: Shard | undefined): boolean {
  return !shard || position % shard.count === shard.index - 1;
}

/**
 * Checks that `shards` are the N different shards of one run (same `run` description, every index 1..N
 * once) and returns them in index order. `what(i)` names shard i in errors (its file).
 */
export function completeShards<T extends { shard: Shard; run: unknown }>(shards: T[], what: (i: number) => string): T[] {
  if (shards.length === 0) throw new CliError('merge needs the shard files (--in F, once per shard)');
  const count = shards[0].shard.count;
  const run = JSON.stringify(shards[0].run);
  const byIndex = new Map<number, T>();
  shards.forEach((s, i) => {
    if (s.shard.count !== count) throw new CliError(`${what(i)} is shard ${s.shard.index}/${s.shard.count}, but ${what(0)} belongs to a run of ${count} shards`);
    if (JSON.stringify(s.run) !== run) throw new CliError(`${what(i)} comes from a different run than ${what(0)} (other files, model or options)`);
    if (byIndex.has(s.shard.index)) throw new CliError(`${what(i)}: shard ${s.shard.index}/${count} is given twice`);
    byIndex.set(s.shard.index, s);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new CliError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing`);
  return Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
}

/** Price series in a shard file: number arrays with NaN as null. */
export interface SeriesJson {
  symbol: string;
  dates: string[];
  open: (number | null)[];
  high: (number | null)[];
  low: (number | null)[];
  close: (number | null)[];
  volume: (number | null)[];
  adjClose?: (number | null)[];
}

const columns = ['open', 'high', 'low', 'close', 'volume'] as const;

export function seriesToJson(s: PriceSeries): SeriesJson {
  const out = { symbol: s.symbol, dates: s.dates } as SeriesJson;
  for (const c of columns) out[c] = Array.from(s[c]);
  if (s.adjClose) out.adjClose = Array.from(s.adjClose);
  return out;
}

export function seriesFromJson(s: SeriesJson): PriceSeries {
  const column = (values: (number | null)[]) => Float64Array.from(values, (v) => v ?? NaN);
  const out = { symbol: s.symbol, dates: s.dates } as PriceSeries;
  for (const c of columns) out[c] = column(s[c]);
  if (s.adjClose) out.adjClose = column(s.adjClose);
  return out;
}

export interface ForecastJson {
  key: ForecastKey;
  levels: number[];
  horizon: number;
  /** base64 float64 */
  quantiles: string;
}

export function forecastToJson(entry: { key: ForecastKey; forecast: StoredForecast }): ForecastJson {
  return { key: entry.key, levels: entry.forecast.levels, horizon: entry.forecast.horizon, quantiles: encodeFloat64(entry.forecast.quantiles) };
}

export function forecastFromJson(f: ForecastJson): { key: ForecastKey; forecast: StoredForecast } {
  return { key: f.key, forecast: { levels: f.levels, horizon: f.horizon, quantiles: decodeFloat64(f.quantiles) } };
}

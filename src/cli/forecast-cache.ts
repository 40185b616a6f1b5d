/**
 * The CLI's forecast store: a cache directory (default ~/.cache/quant-lens/forecasts, `--cache DIR`) that
 * survives runs. Forecasts are grouped in one file per (model, symbol), a "bucket" (a backtest reads a
 * symbol's forecasts together, so one read serves hundreds of origins). The directory is bounded: when it
 * grows past `maxBytes`, the least recently used buckets (by file time, touched on every read) are deleted.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ForecastStore, StoredForecast } from '../core/forecast/forecast-store';
import type { ForecastKey } from '../core/forecast/store-key';

const FORMAT = 'quant-lens/forecast-bucket';
const EXTENSION = '.forecasts.json';

interface BucketFile {
  format: typeof FORMAT;
  version: 1;
  model: string;
  symbol: string;
  /** Key id -> forecast, quantiles as base64 of little-endian float64 (exact). */
  entries: Record<string, { levels: number[]; horizon: number; quantiles: string }>;
}

export const DEFAULT_CACHE_MAX_BYTES = 1024 * 1024 * 1024;

export function defaultCacheDirectory(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'quant-lens', 'forecasts');
}

export class DirectoryForecastStore implements ForecastStore {
  private readonly buckets = new Map<string, BucketFile>();
  /** Bytes of every bucket file in the directory, kept up to date as this run writes. */
  private readonly sizes = new Map<string, number>();

  constructor(readonly directory: string, readonly maxBytes = DEFAULT_CACHE_MAX_BYTES) {
    mkdirSync(directory, { recursive: true });
    for (const name of readdirSync(directory)) if (name.endsWith(EXTENSION)) this.sizes.set(name, statSync(join(directory, name)).size);
  }

  /** Deletes every stored forecast (`--clear-cache`); returns how many buckets were removed. */
  clear(): number {
    for (const name of this.sizes.keys()) rmSync(join(this.directory, name), { force: true });
    const removed = this.sizes.size;
    this.sizes.clear();
    this.buckets.clear();
    return removed;
  }

  get bytes(): number {
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    return total;
  }

  async getMany(keys: readonly ForecastKey[]): Promise<(StoredForecast | undefined)[]> {
    return keys.map((key) => {
      const entry = this.bucket(key)?.entries[key.id];
      if (!entry) return undefined;
      return { levels: entry.levels, horizon: entry.horizon, quantiles: decodeFloat64(entry.quantiles) };
    });
  }

  async putMany(entries: readonly { key: ForecastKey; forecast: StoredForecast }[]): Promise<void> {
    const changed = new Set<string>();
    for (const { key, forecast } of entries) {
      const name = bucketName(key);
      const bucket = this.bucket(key) ?? { format: FORMAT, version: 1, model: key.model, symbol: key.symbol, entries: {} };
      this.buckets.set(name, bucket);
      bucket.entries[key.id] = { levels: forecast.levels, horizon: forecast.horizon, quantiles: encodeFloat64(forecast.quantiles) };
      changed.add(name);
    }
    for (const name of changed) {
      const text = JSON.stringify(this.buckets.get(name));
      const path = join(this.directory, name);
      // Write then rename: a run killed mid-write never leaves a torn bucket behind.
      writeFileSync(`${path}.${process.pid}.tmp`, text);
      renameSync(`${path}.${process.pid}.tmp`, path);
      this.sizes.set(name, Buffer.byteLength(text));
    }
    this.evict(changed);
  }

  /** The bucket of a key, read from disk once per run (and touched, for LRU); undefined when there is none. */
  private bucket(key: ForecastKey): BucketFile | undefined {
    const name = bucketName(key);
    const loaded = this.buckets.get(name);
    if (loaded || !this.sizes.has(name)) return loaded;
    const path = join(this.directory, name);
    let bucket: BucketFile;
    try {
      bucket = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      return undefined; // unreadable (e.g. deleted by another run): recompute
    }
    if (bucket.format !== FORMAT || bucket.version !== 1) return undefined;
    const now = new Date();
    utimesSync(path, now, now);
    this.buckets.set(name, bucket);
    return bucket;
  }

  /** Deletes the least recently used buckets until the directory fits (never the ones just written). */
  private evict(keep: Set<string>): void {
    let total = this.bytes;
    if (total <= this.maxBytes) return;
    const byAge = [...this.sizes.keys()]
      .filter((name) => !keep.has(name))
      .map((name) => ({ name, used: statSync(join(this.directory, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => a.used - b.used);
    for (const { name } of byAge) {
      if (total <= this.maxBytes) break;
      rmSync(join(this.directory, name), { force: true });
      total -= this.sizes.get(name)!;
      this.sizes.delete(name);
      this.buckets.delete(name);
    }
  }
}

const bucketNames = new Map<string, string>();

/** The file of a (model, symbol): a hash, so any symbol or model id is a safe file name. */
function bucketName(key: ForecastKey): string {
  const id = `${key.model}\u0000${key.symbol}`;
  let name = bucketNames.get(id);
  if (name === undefined) {
    name = createHash('sha256').update(id).digest('hex').slice(0, 32) + EXTENSION;
    bucketNames.set(id, name);
  }
  return name;
}

/** Float64 values as base64 of their bytes (exact, NaN included; plain JSON numbers would turn NaN into null). */
export function encodeFloat64(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeFloat64(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  const values = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(values.buffer).set(bytes);
  return values;
}

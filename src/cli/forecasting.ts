/**
 * The options every forecasting command shares (DESIGN.md CLI contract):
 *   --backend native|wasm   onnxruntime-node (default) or onnxruntime-web's WASM build
 *   --threads N             WASM threads (native picks its own)
 *   --cache DIR             the forecast store (default ~/.cache/quant-lens/forecasts), --cache-max-mb N bounds it
 *   --no-cache              compute everything and store nothing; --clear-cache empties the store first
 *   --model-cache DIR       where catalog models are kept between runs (default ~/.cache/quant-lens/models);
 *   --no-model-cache        downloads the model into memory for this run only
 * and the model they load, wrapped so that forecasts are read from the store first.
 */
import { storedForecaster, type ForecastStore, type StoredForecaster } from '../core/forecast/forecast-store';
import { CliError, numberOption, type ParsedArgs } from './args';
import { DEFAULT_CACHE_MAX_BYTES, defaultCacheDirectory, DirectoryForecastStore } from './forecast-cache';
import { loadCliForecaster, openModelCache } from './model-source';
import { nodeRuntime, parseBackend, type NodeRuntime } from './onnx-runtime';

export const forecastingOptions = ['backend', 'threads', 'cache', 'cache-max-mb', 'model-cache'];
export const forecastingFlags = ['no-cache', 'clear-cache', 'no-model-cache'];

export interface CliForecasting {
  forecaster: StoredForecaster;
  /** The model's identity in the store. */
  identity: string;
  runtime: NodeRuntime;
  store?: DirectoryForecastStore;
}

/** The forecast store the options ask for (undefined with --no-cache). */
export function openForecastStore(args: ParsedArgs): DirectoryForecastStore | undefined {
  if (args.flags.has('no-cache')) {
    if (args.values.cache || args.flags.has('clear-cache')) throw new CliError('--no-cache cannot be combined with --cache or --clear-cache');
    return undefined;
  }
  const maxMb = numberOption(args, 'cache-max-mb', DEFAULT_CACHE_MAX_BYTES / 2 ** 20);
  if (!(maxMb > 0)) throw new CliError(`option --cache-max-mb expects a positive number, got ${maxMb}`);
  const store = new DirectoryForecastStore(args.values.cache ?? defaultCacheDirectory(), maxMb * 2 ** 20);
  if (args.flags.has('clear-cache')) store.clear();
  return store;
}

/**
 * The model of `--model` on the chosen backend, reading and writing `store` (or `extraStore`, which sees
 * every forecast too: a shard collects its forecasts there).
 */
export async function openForecasting(location: string, args: ParsedArgs, extraStore?: ForecastStore): Promise<CliForecasting> {
  const threads = numberOption(args, 'threads', 1);
  if (!(Number.isInteger(threads) && threads >= 1)) throw new CliError(`option --threads expects a whole number >= 1, got ${threads}`);
  const runtime = await nodeRuntime(parseBackend(args.values.backend), { threads });
  const store = openForecastStore(args);
  const { forecaster, identity } = await loadCliForecaster(location, runtime, { cache: openModelCache(args) });
  const stores = [store, extraStore].filter((s): s is ForecastStore => s !== undefined);
  return { forecaster: storedForecaster(forecaster, identity, stores.length > 1 ? teeStore(stores[0], stores[1]) : stores[0]), identity, runtime, store };
}

/** "240 computed, 0 reused (native)" for the one-line summaries. */
export function forecastingSummary(f: CliForecasting): string {
  const { computed, reused } = f.forecaster.tally;
  return `${computed} computed, ${reused} reused (${f.runtime.backend}${f.store ? '' : ', no cache'})`;
}

/** Reads from `main`, falling back to `extra`; writes to both (and copies `main`'s hits into `extra`). */
function teeStore(main: ForecastStore, extra: ForecastStore): ForecastStore {
  return {
    async getMany(keys) {
      const found = await main.getMany(keys);
      const hits = keys.flatMap((key, i) => (found[i] ? [{ key, forecast: found[i]! }] : []));
      if (hits.length > 0) await extra.putMany(hits);
      return found;
    },
    async putMany(entries) {
      await main.putMany(entries);
      await extra.putMany(entries);
    },
  };
}

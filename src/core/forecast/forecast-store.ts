/**
 * Forecasts kept and reused: `storedForecaster` wraps any forecaster so that every request carrying an
 * `origin` (symbol + date) is first looked up in a `ForecastStore` (IndexedDB in the app, a cache directory
 * in the CLI) by its key (store-key.ts); only the missing ones are computed, in large batches, and stored.
 * It counts how many forecasts it computed and how many it reused, for the job tray and the CLI summary.
 *
 * Computed and reused forecasts are both rebuilt from the stored quantiles by `summarizeForecast`, so a
 * re-run that reuses everything gives the very same numbers as the run that computed them.
 */
import { checkpoint } from '../jobs/progress';
import { lastObserved } from './chunked-forecast';
import { forecastKey, type ForecastKey } from './store-key';
import { summarizeForecast } from './summary';
import type { Forecast, Forecaster, ForecastOptions, ForecastRequest } from './types';

/** What is kept of a forecast: the model's quantiles (the rest is derived). */
export interface StoredForecast {
  levels: number[];
  horizon: number;
  /** levels.length x horizon, row-major. */
  quantiles: Float64Array;
}

export interface ForecastStore {
  /** The stored forecast of each key (undefined where there is none); marks the found ones as recently used. */
  getMany(keys: readonly ForecastKey[]): Promise<(StoredForecast | undefined)[]>;
  putMany(entries: readonly { key: ForecastKey; forecast: StoredForecast }[]): Promise<void>;
}

export interface ForecastTally {
  computed: number;
  reused: number;
}

/** "240 computed, 0 reused" */
export function describeTally(tally: ForecastTally): string {
  return `${tally.computed} computed, ${tally.reused} reused`;
}

export interface StoredForecaster extends Forecaster {
  /** Totals over every call since the wrapper was made. */
  readonly tally: ForecastTally;
}

/** Requests per call of the wrapped forecaster: large enough to fill its model batches, small enough to cancel promptly and store progress. */
export const STORE_BATCH = 256;

/** `store` undefined (e.g. `--no-cache`): computes everything but still counts. */
export function storedForecaster(forecaster: Forecaster, model: string, store: ForecastStore | undefined): StoredForecaster {
  const tally: ForecastTally = { computed: 0, reused: 0 };
  return {
    info: forecaster.info,
    tally,
    dispose: forecaster.dispose?.bind(forecaster),
    async forecast(requests: ForecastRequest[], options: ForecastOptions): Promise<Forecast[]> {
      const { horizon, signal, onProgress } = options;
      const keys = requests.map((r) => (store && r.origin ? forecastKey(model, { ...r, origin: r.origin }, horizon) : undefined));
      const keyed = keys.flatMap((k, i) => (k ? [{ k, i }] : []));
      const stored: (StoredForecast | undefined)[] = new Array(requests.length);
      if (store && keyed.length > 0) (await store.getMany(keyed.map((x) => x.k))).forEach((f, j) => (stored[keyed[j].i] = f));
      const missing = requests.flatMap((_, i) => (stored[i] ? [] : [i]));
      tally.reused += requests.length - missing.length;
      for (let start = 0; start < missing.length; start += STORE_BATCH) {
        await checkpoint(signal);
        const batch = missing.slice(start, start + STORE_BATCH);
        const computed = await forecaster.forecast(batch.map((i) => requests[i]), { horizon, signal });
        const fresh: { key: ForecastKey; forecast: StoredForecast }[] = [];
        batch.forEach((i, j) => {
          const { levels, quantiles } = computed[j];
          stored[i] = { levels, horizon, quantiles };
          if (keys[i]) fresh.push({ key: keys[i]!, forecast: stored[i]! });
        });
        if (store && fresh.length > 0) await store.putMany(fresh);
        tally.computed += batch.length;
        onProgress?.({ status: 'progress', done: requests.length - missing.length + start + batch.length, total: requests.length, unit: 'forecasts' });
      }
      return requests.map((r, i) => {
        const { levels, quantiles } = stored[i]!;
        return summarizeForecast({ levels, quantiles, horizon, lastPrice: lastObserved(r.target) ?? NaN });
      });
    },
  };
}

/** A store in memory: a shard's collected forecasts, the merge step's input, tests. */
export class MemoryForecastStore implements ForecastStore {
  readonly entries = new Map<string, { key: ForecastKey; forecast: StoredForecast }>();

  async getMany(keys: readonly ForecastKey[]): Promise<(StoredForecast | undefined)[]> {
    return keys.map((key) => this.entries.get(key.id)?.forecast);
  }

  async putMany(entries: readonly { key: ForecastKey; forecast: StoredForecast }[]): Promise<void> {
    for (const entry of entries) this.entries.set(entry.key.id, entry);
  }
}

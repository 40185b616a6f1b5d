/**
 * The app's forecast store (core/forecast/forecast-store.ts) in IndexedDB: forecasts survive reloads and are
 * shared by today's signals, forecast-strategy backtests, sweeps and evaluations. Bounded by a number of
 * entries: beyond it, the least recently used forecasts are deleted. Each read (with its "used" stamp) and
 * each write (with its eviction) is one transaction.
 */
import type { ForecastStore, StoredForecast } from '../core/forecast/forecast-store';
import type { ForecastKey } from '../core/forecast/store-key';
import type { QuantDb } from './db';

/** About 20,000 x 21 levels x 20 steps x 8 bytes = 67 MB at Chronos-2's 21 levels and a 20-day horizon. */
export const DEFAULT_MAX_STORED_FORECASTS = 20_000;

export class IndexedDbForecastStore implements ForecastStore {
  constructor(private readonly db: QuantDb, readonly maxEntries = DEFAULT_MAX_STORED_FORECASTS, private readonly now = () => Date.now()) {}

  async getMany(keys: readonly ForecastKey[]): Promise<(StoredForecast | undefined)[]> {
    const tx = this.db.transaction('forecastStore', 'readwrite');
    const usedAt = this.now();
    const found = await Promise.all(keys.map(async (key) => {
      const record = await tx.store.get(key.id);
      if (!record) return undefined;
      await tx.store.put({ ...record, usedAt });
      return { levels: record.levels, horizon: record.horizon, quantiles: record.quantiles };
    }));
    await tx.done;
    return found;
  }

  async putMany(entries: readonly { key: ForecastKey; forecast: StoredForecast }[]): Promise<void> {
    const tx = this.db.transaction('forecastStore', 'readwrite');
    const usedAt = this.now();
    for (const { key, forecast } of entries) {
      await tx.store.put({ id: key.id, model: key.model, symbol: key.symbol, originDate: key.originDate, levels: forecast.levels, horizon: forecast.horizon, quantiles: forecast.quantiles, usedAt });
    }
    let excess = (await tx.store.count()) - this.maxEntries;
    for (let cursor = excess > 0 ? await tx.store.index('byUsedAt').openCursor() : null; cursor && excess > 0; cursor = await cursor.continue()) {
      await cursor.delete();
      excess--;
    }
    await tx.done;
  }
}

/** Number of stored forecasts (Settings shows it next to the clear button). */
export function countStoredForecasts(db: QuantDb): Promise<number> {
  return db.count('forecastStore');
}

export function clearStoredForecasts(db: QuantDb): Promise<void> {
  return db.clear('forecastStore');
}

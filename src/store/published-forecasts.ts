/**
 * The site's published forecasts (data/forecasts.json, core/forecast/published.ts), kept in the `forecasts`
 * record store next to other saved forecasts, marked `source: 'published'` (one record per symbol, found with
 * the store's `bySymbol` index). A newer file replaces the whole set in one transaction, so the app never shows
 * half of one run and half of another.
 */
import type { PublishedForecast, PublishedForecasts } from '../core/forecast/published';
import type { QuantDb, StoredRecord } from './db';

export interface PublishedForecastRecord extends PublishedForecast {
  id: string;
  source: 'published';
  model: PublishedForecasts['model'];
}

const recordId = (symbol: string) => `published:${symbol}`;
const isPublished = (record: StoredRecord): boolean => record.source === 'published';

/** A forecast's content: equal for the same published run's forecast of a symbol. */
const content = (f: PublishedForecast) => JSON.stringify([f.lastDate, f.lastClose, f.forecast.horizon, Array.from(f.forecast.quantiles)]);

/**
 * Replaces every published forecast by the file's, in one transaction (read, compare and write together).
 * @returns false when the stored set already was this file's (nothing written)
 */
export async function replacePublishedForecasts(db: QuantDb, file: PublishedForecasts): Promise<boolean> {
  const tx = db.transaction('forecasts', 'readwrite');
  const previous = (await tx.store.getAll()).filter(isPublished) as unknown as PublishedForecastRecord[];
  const stored = new Map(previous.map((r) => [r.symbol, r]));
  const same = previous.length === file.forecasts.length && file.forecasts.every((f) => {
    const record = stored.get(f.symbol);
    return record !== undefined && record.model.identity === file.model.identity && content(record) === content(f);
  });
  if (!same) {
    for (const record of previous) await tx.store.delete(record.id);
    for (const f of file.forecasts) {
      const record: PublishedForecastRecord = { id: recordId(f.symbol), source: 'published', model: file.model, ...f };
      await tx.store.put(record as unknown as StoredRecord);
    }
  }
  await tx.done;
  return !same;
}

/** The published forecast of one symbol, if the site published one. */
export async function getPublishedForecast(db: QuantDb, symbol: string): Promise<PublishedForecastRecord | undefined> {
  const records = await db.getAllFromIndex('forecasts', 'bySymbol', symbol);
  return records.find(isPublished) as unknown as PublishedForecastRecord | undefined;
}

/** Every published forecast, in symbol order. */
export async function listPublishedForecasts(db: QuantDb): Promise<PublishedForecastRecord[]> {
  return (await db.getAll('forecasts')).filter(isPublished) as unknown as PublishedForecastRecord[];
}

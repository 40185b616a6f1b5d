/**
 * App settings: string keys to JSON-compatible values (one row per setting, so areas never
 * overwrite each other's keys). Prefix keys with the area, e.g. `backtest.defaults`.
 */
import type { QuantDb } from './db';

export async function getSetting<T>(db: QuantDb, key: string, fallback: T): Promise<T> {
  const value = await db.get('settings', key);
  return value === undefined ? fallback : (value as T);
}

export async function putSetting<T>(db: QuantDb, key: string, value: T): Promise<void> {
  await db.put('settings', value, key);
}

export async function deleteSetting(db: QuantDb, key: string): Promise<void> {
  await db.delete('settings', key);
}

/**
 * The user's defaults (src/core/settings registry) in the IndexedDB `settings` store, one row per
 * key (e.g. `backtest.commission`). Areas read their effective defaults with:
 *
 *   const values = await loadSettingValues(db);
 *   const config = { ...defaultBacktestConfig, ...settingsGroup(values, 'backtest.') };
 */
import { createBaselines } from '../core/forecast/baselines';
import type { Forecaster } from '../core/forecast/types';
import { checkSettingValue, findSetting, resolveSettingValues, settingDefinitions, type SettingValues } from '../core/settings';
import type { QuantDb } from './db';
import { putProviderKeys, type ProviderKeys } from './provider-keys';

/** Every registry setting: the stored value when valid, else the default. */
export async function loadSettingValues(db: QuantDb): Promise<SettingValues> {
  const tx = db.transaction('settings');
  const stored: Record<string, unknown> = {};
  await Promise.all(settingDefinitions.map(async (d) => (stored[d.key] = await tx.store.get(d.key))));
  await tx.done;
  return resolveSettingValues(stored);
}

/** The user's season length in bars (`forecast.season`): the seasonal-naive baseline's period and the MASE scale's. */
export async function userSeason(db: QuantDb): Promise<number> {
  return Number((await loadSettingValues(db))['forecast.season']);
}

/** The baseline forecasters with the user's seasonal-naive period. */
export async function userBaselines(db: QuantDb): Promise<Forecaster[]> {
  return createBaselines(await userSeason(db));
}

/** Saves several values in one transaction after checking each; any bad value saves nothing. */
export async function saveSettingValues(db: QuantDb, values: SettingValues): Promise<void> {
  await saveImportedSettings(db, values, {});
}

/**
 * A settings file's values and API keys in ONE transaction (after checking every value): a bad value or a
 * failed write (storage full) saves nothing of either.
 */
export async function saveImportedSettings(db: QuantDb, values: SettingValues, keys: ProviderKeys): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    const definition = findSetting(key);
    if (!definition) throw new Error(`Unknown setting ${key}`);
    const problem = checkSettingValue(definition, value);
    if (problem) throw new Error(problem);
  }
  const tx = db.transaction('settings', 'readwrite');
  const done = tx.done;
  done.catch(() => undefined); // observed even when we fail before awaiting it
  const writes: Promise<unknown>[] = Object.entries(values).map(([key, value]) => tx.store.put(value, key));
  try {
    if (Object.keys(keys).length > 0) writes.push(putProviderKeys(tx.store, keys));
    await Promise.all([...writes, done]);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failing request.
    }
    await Promise.allSettled(writes);
    throw error;
  }
}

/** Back to every default (other rows of the settings store, e.g. the active portfolio, stay). */
export async function resetSettingValues(db: QuantDb): Promise<void> {
  const tx = db.transaction('settings', 'readwrite');
  await Promise.all([...settingDefinitions.map((d) => tx.store.delete(d.key)), tx.done]);
}

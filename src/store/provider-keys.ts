/**
 * API keys of data providers, kept only in this browser's IndexedDB. They live in one row of the
 * `settings` store that is not a registry setting, so the settings export (which writes registry values
 * only) never carries them; the Settings tab adds them to an export only when the user ticks
 * "include API keys". Only the compute worker reads them, to send each key to its own provider.
 */
import type { ProviderId } from '../core/providers/types';
import type { IDBPObjectStore } from 'idb';
import type { QuantDb, QuantDbSchema } from './db';

/** The `settings` store of a readwrite transaction. */
export type SettingsStore = IDBPObjectStore<QuantDbSchema, ['settings'], 'settings', 'readwrite'>;

/** The settings-store row holding every key (outside the settings registry on purpose). */
export const PROVIDER_KEYS_ROW = 'providers.apiKeys';

export type ProviderKeys = Partial<Record<ProviderId, string>>;

export async function loadProviderKeys(db: QuantDb): Promise<ProviderKeys> {
  return ((await db.get('settings', PROVIDER_KEYS_ROW)) as ProviderKeys | undefined) ?? {};
}

export async function providerKey(db: QuantDb, provider: ProviderId): Promise<string | undefined> {
  return (await loadProviderKeys(db))[provider];
}

/** Which providers have a key saved (the page shows this; it never needs the keys themselves). */
export async function providersWithKeys(db: QuantDb): Promise<ProviderId[]> {
  return Object.keys(await loadProviderKeys(db)) as ProviderId[];
}

/** Saves (or, with an empty key, forgets) one provider's key: one read-modify-write transaction. */
export async function saveProviderKey(db: QuantDb, provider: ProviderId, key: string): Promise<void> {
  await saveProviderKeys(db, { [provider]: key });
}

/** Saves several keys at once; empty values forget a key. */
export async function saveProviderKeys(db: QuantDb, changes: ProviderKeys): Promise<void> {
  const tx = db.transaction('settings', 'readwrite');
  await Promise.all([putProviderKeys(tx.store, changes), tx.done]);
}

/** The read-modify-write of the keys row inside a caller's readwrite transaction on `settings`. */
export async function putProviderKeys(settings: SettingsStore, changes: ProviderKeys): Promise<void> {
  const keys = { ...(((await settings.get(PROVIDER_KEYS_ROW)) as ProviderKeys | undefined) ?? {}) };
  for (const [provider, key] of Object.entries(changes) as [ProviderId, string][]) {
    const trimmed = key.trim();
    if (trimmed) keys[provider] = trimmed;
    else delete keys[provider];
  }
  await settings.put(keys, PROVIDER_KEYS_ROW);
}

/**
 * The settings file the Settings tab exports: registry values only, plus the providers' API keys when (and
 * only when) the user ticks "include API keys". Keys travel in their own `apiKeys` field, which
 * `importSettings` ignores; `importSettingsFile` reads both from one parse and saves them all or nothing.
 */
import { PROVIDERS } from '../../core/providers';
import { exportSettings, readSettingsFile, type SettingsFile, type SettingValues } from '../../core/settings';
import type { ProviderId } from '../../core/providers/types';
import { saveImportedSettings } from '../../store/app-settings';
import type { QuantDb } from '../../store/db';
import type { ProviderKeys } from '../../store/provider-keys';

export interface SettingsFileWithKeys extends SettingsFile {
  apiKeys?: ProviderKeys;
}

export function settingsFileText(values: SettingValues, keys?: ProviderKeys, now = new Date()): string {
  const file: SettingsFileWithKeys = exportSettings(values, now);
  if (keys && Object.keys(keys).length > 0) file.apiKeys = { ...keys };
  return JSON.stringify(file, null, 2);
}

/** The keys a settings file carries (none for files exported without them); refuses a malformed `apiKeys`. */
function apiKeysOf(file: Readonly<Record<string, unknown>>, knownProviders: readonly ProviderId[]): ProviderKeys {
  const { apiKeys } = file as Partial<SettingsFileWithKeys>;
  if (apiKeys === undefined) return {};
  if (!apiKeys || typeof apiKeys !== 'object' || Array.isArray(apiKeys)) throw new Error('Settings file refused: "apiKeys" must be an object of provider: key');
  for (const [provider, key] of Object.entries(apiKeys)) {
    if (!knownProviders.includes(provider as ProviderId)) throw new Error(`Settings file refused: apiKeys.${provider}: unknown provider`);
    if (typeof key !== 'string') throw new Error(`Settings file refused: apiKeys.${provider}: expected text`);
  }
  return apiKeys;
}

/**
 * Settings > Import: checks the whole file (values and keys), then saves both in one transaction, so a
 * refused file or a failed save changes nothing. Returns what was saved, for the confirmation.
 */
export async function importSettingsFile(db: QuantDb, text: string): Promise<{ values: SettingValues; keys: ProviderKeys }> {
  const { values, file } = readSettingsFile(text);
  const keys = apiKeysOf(file, PROVIDERS.map((p) => p.id));
  await saveImportedSettings(db, values, keys);
  return { values, keys };
}

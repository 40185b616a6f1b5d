/**
 * The settings file the Settings tab exports: registry values only, plus the providers' API keys when (and
 * only when) the user ticks "include API keys". Keys travel in their own `apiKeys` field, which
 * `importSettings` ignores; `apiKeysInSettingsFile` reads it back.
 */
import { exportSettings, type SettingsFile, type SettingValues } from '../../core/settings';
import type { ProviderId } from '../../core/providers/types';
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
export function apiKeysInSettingsFile(text: string, knownProviders: readonly ProviderId[]): ProviderKeys {
  const { apiKeys } = JSON.parse(text) as SettingsFileWithKeys;
  if (apiKeys === undefined) return {};
  if (!apiKeys || typeof apiKeys !== 'object' || Array.isArray(apiKeys)) throw new Error('Settings file refused: "apiKeys" must be an object of provider: key');
  for (const [provider, key] of Object.entries(apiKeys)) {
    if (!knownProviders.includes(provider as ProviderId)) throw new Error(`Settings file refused: apiKeys.${provider}: unknown provider`);
    if (typeof key !== 'string') throw new Error(`Settings file refused: apiKeys.${provider}: expected text`);
  }
  return apiKeys;
}

import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { importSettings } from '../../../src/core/settings';
import { loadSettingValues, saveSettingValues } from '../../../src/store/app-settings';
import type { QuantDb } from '../../../src/store/db';
import { loadProviderKeys, providerKey, providersWithKeys, saveProviderKey, saveProviderKeys } from '../../../src/store/provider-keys';
import { importSettingsFile, settingsFileText } from '../../../src/ui/settings/settings-file';
import { useFreshDb } from './fresh-db';

const currentDb = useFreshDb('keys');
let db: QuantDb;
beforeEach(() => {
  db = currentDb();
});

const SECRET = 'pk_live_9f8e7d6c5b4a';

describe('provider keys', () => {
  it('are saved per provider, trimmed, and forgotten with an empty value', async () => {
    await saveProviderKey(db, 'polygon', `  ${SECRET} `);
    await saveProviderKey(db, 'tiingo', 'tiingo-key');
    expect(await providerKey(db, 'polygon')).toBe(SECRET);
    expect((await providersWithKeys(db)).sort()).toEqual(['polygon', 'tiingo']);
    await saveProviderKey(db, 'tiingo', '');
    expect(await loadProviderKeys(db)).toEqual({ polygon: SECRET });
  });

  it('never appear in a settings export unless the user includes them', async () => {
    await saveProviderKey(db, 'polygon', SECRET);
    await saveSettingValues(db, { 'data.corsProxy': 'https://proxy.example/?url=' });
    const values = await loadSettingValues(db);
    const plain = settingsFileText(values);
    expect(plain).not.toContain(SECRET);
    expect(plain).not.toContain('apiKeys');
    expect(JSON.parse(plain).values['data.corsProxy']).toBe('https://proxy.example/?url=');
    // Ticked "include API keys": the key is in its own field, and a settings import still accepts the file.
    const withKeys = settingsFileText(values, await loadProviderKeys(db));
    expect(JSON.parse(withKeys).apiKeys).toEqual({ polygon: SECRET });
    expect(importSettings(withKeys)['data.corsProxy']).toBe('https://proxy.example/?url=');
    expect((await importSettingsFile(db, withKeys)).keys).toEqual({ polygon: SECRET });
    expect((await importSettingsFile(db, plain)).keys).toEqual({});
  });

  it('are read back from a settings file only when well formed', async () => {
    const file = (apiKeys: unknown) => JSON.stringify({ format: 'quant-lens-settings', version: 1, values: {}, apiKeys });
    await expect(importSettingsFile(db, file({ nasdaq: 'x' }))).rejects.toThrow('apiKeys.nasdaq: unknown provider');
    await expect(importSettingsFile(db, file({ polygon: 5 }))).rejects.toThrow('apiKeys.polygon: expected text');
    await expect(importSettingsFile(db, file(['x']))).rejects.toThrow('"apiKeys" must be an object');
    expect(await loadProviderKeys(db)).toEqual({});
    await importSettingsFile(db, file({ polygon: SECRET }));
    expect(await providerKey(db, 'polygon')).toBe(SECRET);
  });
});

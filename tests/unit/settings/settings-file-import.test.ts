/**
 * Importing a settings file (Settings > Import): the file is parsed once, and its values and API keys are
 * saved in one transaction, so a failure while saving the keys leaves the settings as they were.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QuantDb } from '../../../src/store/db';
import { loadSettingValues, saveSettingValues } from '../../../src/store/app-settings';
import { loadProviderKeys, PROVIDER_KEYS_ROW, saveProviderKey } from '../../../src/store/provider-keys';
import { importSettingsFile } from '../../../src/ui/settings/settings-file';
import { useFreshDb } from '../store/fresh-db';

const currentDb = useFreshDb('settings-import');
let db: QuantDb;
beforeEach(() => {
  db = currentDb();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const fileText = (values: Record<string, unknown>, apiKeys?: Record<string, unknown>) =>
  JSON.stringify({ format: 'quant-lens-settings', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', values, ...(apiKeys ? { apiKeys } : {}) });

describe('importSettingsFile', () => {
  it('saves the values and the keys of one file, parsing it once', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    const out = await importSettingsFile(db, fileText({ 'data.corsProxy': 'https://proxy.example/?url=' }, { polygon: ' pk_1 ' }));
    expect(parse).toHaveBeenCalledTimes(1);
    expect(out).toEqual({ values: { 'data.corsProxy': 'https://proxy.example/?url=' }, keys: { polygon: ' pk_1 ' } });
    expect((await loadSettingValues(db))['data.corsProxy']).toBe('https://proxy.example/?url=');
    expect(await loadProviderKeys(db)).toEqual({ polygon: 'pk_1' });
  });

  it('is all-or-nothing: when saving the keys fails (storage full), the settings stay as they were', async () => {
    await saveSettingValues(db, { 'data.corsProxy': 'https://old.example/?u=' });
    await saveProviderKey(db, 'tiingo', 'old-key');
    const before = [await loadSettingValues(db), await loadProviderKeys(db)];
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (key === PROVIDER_KEYS_ROW) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    await expect(importSettingsFile(db, fileText({ 'data.corsProxy': 'https://new.example/?u=' }, { polygon: 'pk_2' }))).rejects.toThrow('quota');
    vi.restoreAllMocks();
    expect([await loadSettingValues(db), await loadProviderKeys(db)]).toEqual(before);
  });

  it('refuses a malformed apiKeys field before saving anything', async () => {
    await expect(importSettingsFile(db, fileText({ 'data.corsProxy': 'https://new.example/?u=' }, { nasdaq: 'x' }))).rejects.toThrow('apiKeys.nasdaq: unknown provider');
    expect((await loadSettingValues(db))['data.corsProxy']).not.toBe('https://new.example/?u=');
  });
});

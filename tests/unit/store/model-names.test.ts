import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QuantDb } from '../../../src/store/db';
import { listModelFiles, putModelFile, setModelName } from '../../../src/store/modelFiles';
import { useFreshDb } from './fresh-db';

const currentDb = useFreshDb('model-names');
let db: QuantDb;
beforeEach(() => {
  db = currentDb();
});

const row = (file: string) => ({ modelId: 'url:http://h/bolt/', file, size: 10, cachedAt: '2026-12-07T00:00:00Z' });

describe('model names in IndexedDB', () => {
  it("keeps the user's name on the config.json row, through a re-download, and clears it with an empty name", async () => {
    await putModelFile(db, row('config.json'));
    await putModelFile(db, row('model.safetensors'));
    expect(await setModelName(db, 'url:http://h/bolt/', '  Tiny Bolt ')).toBe(true);
    const named = async () => (await listModelFiles(db, 'url:http://h/bolt/')).find((f) => f.file === 'config.json')?.name;
    expect(await named()).toBe('Tiny Bolt');
    await putModelFile(db, { ...row('config.json'), cachedAt: '2026-12-08T00:00:00Z' }); // downloaded again
    expect(await named()).toBe('Tiny Bolt');
    await setModelName(db, 'url:http://h/bolt/', '');
    expect(await named()).toBeUndefined();
  });

  it('refuses to name a model whose config.json is not cached, writing nothing', async () => {
    expect(await setModelName(db, 'local:missing-1', 'x')).toBe(false);
    expect(await listModelFiles(db)).toEqual([]);
  });
});

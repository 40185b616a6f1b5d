/**
 * A model's identity in the forecast store comes from the sha256 each cached file got when it was downloaded
 * or picked, never from reading the weights again (hundreds of MB for a full model).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../models/catalog';
import { cacheLocalFiles } from '../../../src/model-files/fetch-model';
import { MemoryModelFileStore } from '../../../src/model-files/store';
import { storeIdentity } from '../../../workers/forecast/model-identity';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/chronos2/${name}`, import.meta.url)));
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** A cache whose weights cannot be read: any identity that needs their bytes fails. */
class NoWeightReads extends MemoryModelFileStore {
  override async read(modelId: string, file: string): Promise<Uint8Array | undefined> {
    if (file.endsWith('.safetensors')) throw new Error(`read ${file}`);
    return super.read(modelId, file);
  }
}

describe('model identity in the forecast store', () => {
  it('hashes the remembered sha256 of config.json and the weights, without reading the weights', async () => {
    const store = new NoWeightReads();
    const config = fixture('config.json');
    const weights = fixture('model.safetensors');
    await cacheLocalFiles('local:tiny', [{ name: 'config.json', bytes: config }, { name: 'model.safetensors', bytes: weights }], store);
    const expected = sha256(`${sha256(config)} ${sha256(weights)}`);
    expect(await storeIdentity('local:tiny', store)).toBe(`local:tiny@sha256:${expected}`);
  });

  it('changes when the weights change, hashes a file whose row lacks its sha256, and uses the revision of a catalog model', async () => {
    const store = new MemoryModelFileStore();
    const config = fixture('config.json');
    const weights = fixture('model.safetensors');
    await cacheLocalFiles('local:tiny', [{ name: 'config.json', bytes: config }, { name: 'model.safetensors', bytes: weights }], store);
    const before = await storeIdentity('local:tiny', store);
    // A row written before sha256s were kept: its bytes are hashed, giving the same identity.
    const row = (await store.list()).find((f) => f.file === 'model.safetensors')!;
    await store.write({ ...row, sha256: undefined }, weights);
    expect(await storeIdentity('local:tiny', store)).toBe(before);
    const changed = weights.slice();
    changed[changed.length - 1] ^= 1;
    await store.write({ ...row, sha256: sha256(changed) }, changed);
    expect(await storeIdentity('local:tiny', store)).not.toBe(before);

    const entry = catalog[0];
    expect(await storeIdentity(entry.id, store)).toBe(`${entry.id}@${entry.revision}`);
    await expect(storeIdentity('local:missing', store)).rejects.toThrow('model "local:missing" is not cached');
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveSource } from '../../../models/catalog';
import { CancelledError } from '../../../src/core/jobs/progress';
import { ModelFileError } from '../../../src/core/forecast/model-file-error';
import { readSafetensors, writeSafetensors } from '../../../src/core/onnx/safetensors';
import { downloadFile, HttpError, IntegrityError } from '../../../src/model-files/download';
import { cacheLocalFiles, fetchModelFiles, readCachedModel } from '../../../src/model-files/fetch-model';
import { groupByModel, MemoryModelFileStore } from '../../../src/model-files/store';
import { TransferMeter } from '../../../src/model-files/transfer-meter';
import { FILE, FILE_SHA, CONFIG, WEIGHTS, WEIGHTS_SHA, base, fast, route, useDownloadServer } from './download-server';

useDownloadServer();

describe('downloadFile', () => {
  it('downloads, reports byte progress and verifies size and sha256', async () => {
    route('/plain', { ranges: true });
    const seen: number[] = [];
    const result = await downloadFile(`${base}/plain`, { expectedSize: FILE.byteLength, sha256: FILE_SHA, onTransfer: (s) => seen.push(s.received), ...fast });
    expect(Buffer.from(result.bytes).equals(FILE)).toBe(true);
    expect(result.sha256).toBe(FILE_SHA);
    expect(seen.at(-1)).toBe(FILE.byteLength);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1])).toBe(true);
  });

  it('resumes with a Range request after the connection drops', async () => {
    const r = route('/resume', { ranges: true, dropAfter: 100_000 });
    const result = await downloadFile(`${base}/resume`, { sha256: FILE_SHA, ...fast });
    expect(Buffer.from(result.bytes).equals(FILE)).toBe(true);
    expect(result.resumes).toBe(1);
    expect(result.restarts).toBe(0);
    expect(r.requests[0].range).toBeUndefined();
    // the retry asked for the rest only, from the first missing byte
    expect(Number(/bytes=(\d+)-/.exec(r.requests[1].range!)![1])).toBeGreaterThan(0);
    expect(Number(/bytes=(\d+)-/.exec(r.requests[1].range!)![1])).toBeLessThanOrEqual(100_000);
  });

  it('restarts from zero when the server ignores ranges', async () => {
    const r = route('/restart', { ranges: false, dropAfter: 100_000 });
    const result = await downloadFile(`${base}/restart`, { sha256: FILE_SHA, ...fast });
    expect(Buffer.from(result.bytes).equals(FILE)).toBe(true);
    expect(result.restarts).toBe(1);
    expect(r.requests).toHaveLength(2);
  });

  it('rejects a file whose sha256 or exact size differs, and accepts a rounded size within 0.5%', async () => {
    route('/bad', { ranges: true });
    await expect(downloadFile(`${base}/bad`, { sha256: '0'.repeat(64), ...fast })).rejects.toBeInstanceOf(IntegrityError);
    await expect(downloadFile(`${base}/bad`, { expectedSize: 299_999, sizeExact: true, ...fast })).rejects.toThrow(/server announced 300000|expected 299999/);
    await expect(downloadFile(`${base}/bad`, { expectedSize: 310_000, sizeExact: false, ...fast })).rejects.toThrow(/expected about 310000/);
    await expect(downloadFile(`${base}/bad`, { expectedSize: 300_500, sizeExact: false, ...fast })).resolves.toBeTruthy();
  });

  it('fails at once on 404 and after the retry budget on 503', async () => {
    await expect(downloadFile(`${base}/missing`, fast)).rejects.toBeInstanceOf(HttpError);
    const r = route('/busy', { ranges: true, status: 503 });
    await expect(downloadFile(`${base}/busy`, { maxRetries: 2, ...fast })).rejects.toThrow(/failed after 2 retries/);
    expect(r.requests).toHaveLength(3);
  });

  it('stops when cancelled', async () => {
    route('/cancel', { ranges: true });
    const controller = new AbortController();
    const promise = downloadFile(`${base}/cancel`, { signal: controller.signal, onTransfer: () => controller.abort(), ...fast });
    await expect(promise).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('TransferMeter', () => {
  it('measures speed over the window and the time left', () => {
    let now = 0;
    const meter = new TransferMeter(3000, () => now);
    meter.sample(0, 1000);
    now = 1000;
    const s = meter.sample(100, 1000);
    expect(s.bytesPerSecond).toBe(100);
    expect(s.secondsLeft).toBe(9);
  });
});

describe('fetchModelFiles', () => {
  it('downloads missing files once, then serves them from the cache', async () => {
    route('/m/config.json', { ranges: true, body: CONFIG });
    const weights = route('/m/model.safetensors', { ranges: true, body: WEIGHTS });
    const model = resolveSource({ type: 'url', prefix: `${base}/m` });
    const store = new MemoryModelFileStore();
    expect(await readCachedModel(model, store)).toBeUndefined();
    const files = await fetchModelFiles(model, store, fast);
    expect(Buffer.from(files['model.safetensors']).equals(WEIGHTS)).toBe(true);
    const again = await fetchModelFiles(model, store, fast);
    expect(Buffer.from(again['config.json']).equals(CONFIG)).toBe(true);
    expect(weights.requests).toHaveLength(1);
    const [cached] = groupByModel(await store.list());
    expect(cached.modelId).toBe(`url:${base}/m/`);
    expect(cached.size).toBe(CONFIG.byteLength + WEIGHTS.byteLength);
    expect(cached.files.map((f) => f.sha256)).toEqual([createHash('sha256').update(CONFIG).digest('hex'), WEIGHTS_SHA]);
    await store.remove(cached.modelId);
    expect(await store.list()).toEqual([]);
  });

  it('caches picked local files only with a config and weights', async () => {
    const store = new MemoryModelFileStore();
    await expect(cacheLocalFiles('local:x', [{ name: 'model.safetensors', bytes: FILE }], store)).rejects.toThrow(/config.json/);
    expect(await store.list()).toEqual([]);
    await expect(cacheLocalFiles('local:x', [{ name: 'config.json', bytes: CONFIG }, { name: 'model.safetensors', bytes: new Uint8Array(WEIGHTS.byteLength) }], store)).rejects.toThrow(
      /^model\.safetensors: header is not valid JSON/,
    );
    expect(await store.list()).toEqual([]);
    await cacheLocalFiles('local:x', [{ name: 'config.json', bytes: CONFIG }, { name: 'model.onnx', bytes: FILE }], store);
    expect((await store.list()).map((f) => f.file).sort()).toEqual(['config.json', 'model.onnx']);
  });
});

describe('a download counts as cached only when its files load', () => {
  const model = (path: string, weightsSha: string | null = null) => ({
    id: `check:${path}`, label: `model at ${path}`,
    files: [
      { name: 'config.json', size: null, sha256: null, url: `${base}${path}/config.json` },
      { name: 'model.safetensors', size: WEIGHTS.byteLength, sizeExact: true, sha256: weightsSha, url: `${base}${path}/model.safetensors` },
    ],
  });

  it('refuses a file of zeros with the right size (nothing cached, nothing kept to resume from) and accepts the tiny checkpoint', async () => {
    route('/zeros/config.json', { ranges: true, body: CONFIG });
    route('/zeros/model.safetensors', { ranges: true, body: Buffer.alloc(WEIGHTS.byteLength) });
    const store = new MemoryModelFileStore();
    const refused = fetchModelFiles(model('/zeros'), store, { ...fast, checkpointBytes: 100_000 });
    await expect(refused).rejects.toBeInstanceOf(ModelFileError);
    await expect(fetchModelFiles(model('/zeros'), store, fast)).rejects.toThrow(/^model\.safetensors: header is not valid JSON .*; the download of model at \/zeros was not kept$/);
    // Only config.json is kept: listed as an incomplete model (deletable), never as usable offline.
    expect(groupByModel(await store.list()).map((m) => [m.modelId, m.complete, m.files.map((f) => f.file)])).toEqual([['check:/zeros', false, ['config.json']]]);
    expect(await store.readPartial('check:/zeros', 'model.safetensors')).toBeUndefined();

    route('/tiny/config.json', { ranges: true, body: CONFIG });
    route('/tiny/model.safetensors', { ranges: true, body: WEIGHTS });
    const files = await fetchModelFiles(model('/tiny'), store, fast);
    expect(Buffer.from(files['model.safetensors']).equals(WEIGHTS)).toBe(true);
    expect(groupByModel(await store.list()).find((m) => m.modelId === 'check:/tiny')?.complete).toBe(true);
  });

  it('drops a config.json that does not validate, with the weights', async () => {
    const huge = JSON.stringify({ ...JSON.parse(CONFIG.toString('utf8')), num_layers: 1e7 });
    route('/huge/config.json', { ranges: true, body: Buffer.from(huge) });
    route('/huge/model.safetensors', { ranges: true, body: WEIGHTS });
    const store = new MemoryModelFileStore();
    await expect(fetchModelFiles(model('/huge'), store, fast)).rejects.toThrow(/^config\.json: num_layers: expected a number <= 256, got 10000000; the download of model at \/huge was not kept$/);
    expect(await store.list()).toEqual([]);
  });

  it('remembers the sha256 of the first good download and warns when a later download differs', async () => {
    // Same tensors, other values: a valid checkpoint that is not the first one.
    const original = readSafetensors(WEIGHTS);
    const other = Buffer.from(writeSafetensors(Object.fromEntries([...original.entries.keys()].map((n) => [n, { data: original.float32(n).map((x) => x * 0.5), shape: original.shape(n) }]))));
    route('/tofu/config.json', { ranges: true, body: CONFIG });
    const weights = route('/tofu/model.safetensors', { ranges: true, body: WEIGHTS });
    const store = new MemoryModelFileStore();
    const warnings: string[] = [];
    await fetchModelFiles(model('/tofu'), store, { ...fast, onWarning: (m) => warnings.push(m) });
    expect(await store.firstSha256('check:/tofu', 'model.safetensors')).toBe(WEIGHTS_SHA);
    await store.remove('check:/tofu');
    await fetchModelFiles(model('/tofu'), store, { ...fast, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([]); // same bytes again: nothing to say
    await store.remove('check:/tofu');
    weights.body = other;
    await fetchModelFiles(model('/tofu'), store, { ...fast, onWarning: (m) => warnings.push(m) });
    const otherSha = createHash('sha256').update(other).digest('hex');
    expect(warnings).toEqual([
      `model at /tofu: model.safetensors differs from the first download on this device (sha256 ${otherSha.slice(0, 12)}..., first ${WEIGHTS_SHA.slice(0, 12)}...): the file changed upstream, or one of the downloads was tampered with`,
    ]);
    expect(await store.firstSha256('check:/tofu', 'model.safetensors')).toBe(WEIGHTS_SHA);
  });

  it('pins amazon/chronos-2 to a commit, its exact size and the sha256 published for it', () => {
    const chronos2 = resolveSource({ type: 'catalog', id: 'amazon/chronos-2' });
    const weights = chronos2.files.find((f) => f.name === 'model.safetensors')!;
    expect(weights).toMatchObject({ size: 477_930_472, sizeExact: true, sha256: 'ddcda3c7508bf2528087723e98a20707cc04b7f370ae275a9fd88078ddba4f42' });
    expect(weights.url).toBe('https://huggingface.co/amazon/chronos-2/resolve/29ec3766d36d6f73f0696f85560a422f50e8498c/model.safetensors');
    expect(chronos2.files.find((f) => f.name === 'config.json')!.sha256).toBe('ef1143bfdc9c0376d9a056eefca46cb4b1ec3d0ffacd541ff56feb40fb708031');
  });
});

describe('model sources', () => {
  it('builds Hugging Face resolve URLs and validates ids', () => {
    const hf = resolveSource({ type: 'huggingface', repo: 'amazon/chronos-2', revision: 'abc123' });
    expect(hf.files.map((f) => f.url)).toEqual([
      'https://huggingface.co/amazon/chronos-2/resolve/abc123/config.json',
      'https://huggingface.co/amazon/chronos-2/resolve/abc123/model.safetensors',
    ]);
    expect(() => resolveSource({ type: 'huggingface', repo: 'not a repo' })).toThrow(/owner\/name/);
    const bolt = resolveSource({ type: 'catalog', id: 'amazon/chronos-bolt-tiny' });
    expect(bolt.files[1].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(bolt.files[1].url).toContain('/resolve/6904c2c38d12fb281d38cbf589c9171bfc050066/model.safetensors');
    const relative = resolveSource({ type: 'url', prefix: 'models/chronos-2', weightsFile: 'model.onnx' }, 'https://host/app/');
    expect(relative.files[1].url).toBe('https://host/app/models/chronos-2/model.onnx');
  });
});

/**
 * Model downloads that go wrong: servers that stall or never answer, a full disk, and downloads
 * interrupted and continued in a later attempt (after a page reload). The happy paths: model-download.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveSource } from '../../../models/catalog';
import { ModelFileError } from '../../../src/core/forecast/model-file-error';
import { downloadErrorKind, downloadFile, HttpError, IntegrityError, NetworkError, StorageFullError } from '../../../src/model-files/download';
import { fetchModelFiles } from '../../../src/model-files/fetch-model';
import { groupByModel, MemoryModelFileStore } from '../../../src/model-files/store';
import { FILE, FILE_SHA, CONFIG, WEIGHTS, WEIGHTS_SHA, base, fast, route, useDownloadServer } from './download-server';

useDownloadServer();

describe('stalls and a full disk', () => {
  const short = { ...fast, headersTimeoutMs: 150, stallTimeoutMs: 150 };

  it('times out a server that never sends headers, then retries and succeeds', async () => {
    const r = route('/silent', { ranges: true, silent: 1 });
    const started = performance.now();
    const result = await downloadFile(`${base}/silent`, { ...short, sha256: FILE_SHA });
    expect(Buffer.from(result.bytes).equals(FILE)).toBe(true);
    expect(r.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('gives up on a server that never answers after the retry budget, saying why', async () => {
    const r = route('/dead', { ranges: true, silent: Infinity });
    const attempt = downloadFile(`${base}/dead`, { ...short, maxRetries: 2 });
    await expect(attempt).rejects.toBeInstanceOf(NetworkError);
    await expect(attempt).rejects.toThrow(/download failed after 2 retries: .*no response from the server within 0.15 s/);
    expect(r.requests).toHaveLength(3);
  });

  it('times out a body that stops mid-way and resumes with a Range request', async () => {
    const r = route('/stall', { ranges: true, stallAfter: 100_000 });
    const result = await downloadFile(`${base}/stall`, { ...short, sha256: FILE_SHA });
    expect(Buffer.from(result.bytes).equals(FILE)).toBe(true);
    expect(result.resumes).toBe(1);
    expect(r.requests.map((q) => q.range)).toEqual([undefined, 'bytes=100000-']);
  });

  it('stops at once with StorageFullError when saving hits the quota: no retries, says how to free space', async () => {
    const r = route('/quota', { ranges: true });
    const quota = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const attempt = downloadFile(`${base}/quota`, { ...fast, checkpointBytes: 50_000, onCheckpoint: quota });
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
    expect(r.requests).toHaveLength(1);
    await expect(downloadFile(`${base}/quota`, { ...fast, checkpointBytes: 50_000, onCheckpoint: quota })).rejects.toThrow(
      /^storage is full: .*Settings -> cached models/,
    );
  });

  it('reports a quota error from the final cache write the same way, keeping nothing', async () => {
    route('/full/config.json', { ranges: true, body: CONFIG });
    route('/full/model.safetensors', { ranges: true, body: WEIGHTS });
    class FullStore extends MemoryModelFileStore {
      override async write(): Promise<void> {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
    }
    const store = new FullStore();
    const attempt = fetchModelFiles(resolveSource({ type: 'url', prefix: `${base}/full` }), store, fast);
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
    expect(await store.list()).toEqual([]);
  });

  it('names each failure kind so the UI can word it, also after crossing a worker (name only)', async () => {
    const kinds = [new StorageFullError('x'), new NetworkError('x'), new HttpError('u', 404), new IntegrityError('x'), new ModelFileError('config.json', 'x'), new Error('x')].map(downloadErrorKind);
    expect(kinds).toEqual(['storage-full', 'network', 'http', 'integrity', 'invalid-model', 'other']);
    expect(downloadErrorKind({ name: 'StorageFullError', message: 'storage is full' })).toBe('storage-full');
  });
});

describe('interrupted downloads continue in a later attempt (e.g. after a page reload)', () => {
  const model = (path: string) => ({
    id: `partial:${path}`, label: path,
    files: [
      { name: 'config.json', size: null, sha256: null, url: `${base}/partial-config.json` },
      { name: 'model.safetensors', size: WEIGHTS.byteLength, sizeExact: true, sha256: WEIGHTS_SHA, url: `${base}${path}` },
    ],
  });
  beforeAll(() => void route('/partial-config.json', { ranges: true, body: CONFIG }));
  const once = { ...fast, maxRetries: 0, checkpointBytes: 50_000 };

  it('saves the bytes received before a failure and asks only for the rest next time', async () => {
    const r = route('/partial', { ranges: true, dropAfter: 120_000, body: WEIGHTS });
    const store = new MemoryModelFileStore();
    await expect(fetchModelFiles(model('/partial'), store, once)).rejects.toThrow(/download failed/);
    const saved = await store.readPartial('partial:/partial', 'model.safetensors');
    expect(saved!.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(saved!).equals(WEIGHTS.subarray(0, saved!.byteLength))).toBe(true);

    // A new attempt with the same store, as after a reload: one Range request for what is missing.
    const files = await fetchModelFiles(model('/partial'), store, once);
    expect(r.requests.map((q) => q.range)).toEqual([undefined, `bytes=${saved!.byteLength}-`]);
    expect(Buffer.from(files['model.safetensors']).equals(WEIGHTS)).toBe(true);
    expect(await store.readPartial('partial:/partial', 'model.safetensors')).toBeUndefined();
  });

  it('drops saved bytes that turn out wrong, so the next attempt starts clean', async () => {
    route('/stale', { ranges: true, body: WEIGHTS });
    const store = new MemoryModelFileStore();
    await store.savePartial('partial:/stale', 'model.safetensors', 0, new Uint8Array(1000).fill(7)); // not the file's first bytes
    await expect(fetchModelFiles(model('/stale'), store, once)).rejects.toBeInstanceOf(IntegrityError);
    expect(await store.readPartial('partial:/stale', 'model.safetensors')).toBeUndefined();
    const files = await fetchModelFiles(model('/stale'), store, once);
    expect(Buffer.from(files['model.safetensors']).equals(WEIGHTS)).toBe(true);
  });

  it('counts a model as cached only with config.json and a weights file', async () => {
    const store = new MemoryModelFileStore();
    const info = (file: string) => ({ modelId: 'm', file, size: 2, cachedAt: '2026-01-01T00:00:00Z' });
    await store.write(info('config.json'), Uint8Array.of(123, 125));
    expect(groupByModel(await store.list()).map((m) => m.complete)).toEqual([false]);
    await store.write(info('model.onnx'), Uint8Array.of(1, 2));
    expect(groupByModel(await store.list()).map((m) => m.complete)).toEqual([true]);
  });

  it('keeps only the stretches that continue from byte 0; offset 0 starts over', async () => {
    const store = new MemoryModelFileStore();
    await store.savePartial('m', 'f', 0, Uint8Array.of(1, 2));
    await store.savePartial('m', 'f', 2, Uint8Array.of(3));
    await store.savePartial('m', 'f', 9, Uint8Array.of(9)); // a gap: ignored
    expect([...(await store.readPartial('m', 'f'))!]).toEqual([1, 2, 3]);
    await store.savePartial('m', 'f', 0, Uint8Array.of(5));
    expect([...(await store.readPartial('m', 'f'))!]).toEqual([5]);
    await store.remove('m');
    expect(await store.readPartial('m', 'f')).toBeUndefined();
  });
});

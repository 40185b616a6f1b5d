import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSource } from '../../../models/catalog';
import { CancelledError } from '../../../src/core/jobs/progress';
import { downloadFile, HttpError, IntegrityError } from '../../../src/model-files/download';
import { cacheLocalFiles, fetchModelFiles, readCachedModel } from '../../../src/model-files/fetch-model';
import { groupByModel, MemoryModelFileStore } from '../../../src/model-files/store';
import { TransferMeter } from '../../../src/model-files/transfer-meter';

const FILE = Buffer.from(Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
const FILE_SHA = createHash('sha256').update(FILE).digest('hex');

/** Behaviour of the test server for one path. */
interface Route {
  /** Drop the connection after this many body bytes of the first response. */
  dropAfter?: number;
  ranges: boolean;
  status?: number;
  requests: { range?: string }[];
}

const routes = new Map<string, Route>();
let server: Server;
let base: string;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const route = routes.get(req.url ?? '');
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  route.requests.push({ range: req.headers.range });
  if (route.status) {
    res.writeHead(route.status).end();
    return;
  }
  const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = route.ranges && match ? Number(match[1]) : 0;
  const body = FILE.subarray(start);
  res.writeHead(start > 0 ? 206 : 200, {
    'Content-Length': String(body.byteLength),
    ...(start > 0 ? { 'Content-Range': `bytes ${start}-${FILE.byteLength - 1}/${FILE.byteLength}` } : {}),
  });
  const drop = route.requests.length === 1 ? route.dropAfter : undefined;
  if (drop !== undefined) {
    res.write(body.subarray(0, drop), () => setTimeout(() => res.destroy(), 20));
    return;
  }
  res.end(body);
}

function route(path: string, options: Omit<Route, 'requests'>): Route {
  const r = { ...options, requests: [] };
  routes.set(path, r);
  return r;
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fast = { retryDelayMs: () => 10 };

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
    routes.set('/m/config.json', { ranges: true, requests: [] });
    const weights = route('/m/model.safetensors', { ranges: true });
    const model = resolveSource({ type: 'url', prefix: `${base}/m` });
    // the test server returns the same bytes for every path
    const store = new MemoryModelFileStore();
    expect(await readCachedModel(model, store)).toBeUndefined();
    const files = await fetchModelFiles(model, store, fast);
    expect(Buffer.from(files['model.safetensors']).equals(FILE)).toBe(true);
    const again = await fetchModelFiles(model, store, fast);
    expect(Buffer.from(again['config.json']).equals(FILE)).toBe(true);
    expect(weights.requests).toHaveLength(1);
    const [cached] = groupByModel(await store.list());
    expect(cached.modelId).toBe(`url:${base}/m/`);
    expect(cached.size).toBe(2 * FILE.byteLength);
    expect(cached.files.map((f) => f.sha256)).toEqual([FILE_SHA, FILE_SHA]);
    await store.remove(cached.modelId);
    expect(await store.list()).toEqual([]);
  });

  it('caches picked local files only with a config and weights', async () => {
    const store = new MemoryModelFileStore();
    await expect(cacheLocalFiles('local:x', [{ name: 'model.safetensors', bytes: FILE }], store)).rejects.toThrow(/config.json/);
    expect(await store.list()).toEqual([]);
    await cacheLocalFiles('local:x', [{ name: 'config.json', bytes: new Uint8Array([123, 125]) }, { name: 'model.onnx', bytes: FILE }], store);
    expect((await store.list()).map((f) => f.file).sort()).toEqual(['config.json', 'model.onnx']);
  });
});

describe('interrupted downloads continue in a later attempt (e.g. after a page reload)', () => {
  const model = (path: string) => ({
    id: `partial:${path}`, label: path,
    files: [{ name: 'model.safetensors', size: FILE.byteLength, sizeExact: true, sha256: FILE_SHA, url: `${base}${path}` }],
  });
  const once = { ...fast, maxRetries: 0, checkpointBytes: 50_000 };

  it('saves the bytes received before a failure and asks only for the rest next time', async () => {
    const r = route('/partial', { ranges: true, dropAfter: 120_000 });
    const store = new MemoryModelFileStore();
    await expect(fetchModelFiles(model('/partial'), store, once)).rejects.toThrow(/download failed/);
    const saved = await store.readPartial('partial:/partial', 'model.safetensors');
    expect(saved!.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(saved!).equals(FILE.subarray(0, saved!.byteLength))).toBe(true);

    // A new attempt with the same store, as after a reload: one Range request for what is missing.
    const files = await fetchModelFiles(model('/partial'), store, once);
    expect(r.requests.map((q) => q.range)).toEqual([undefined, `bytes=${saved!.byteLength}-`]);
    expect(Buffer.from(files['model.safetensors']).equals(FILE)).toBe(true);
    expect(await store.readPartial('partial:/partial', 'model.safetensors')).toBeUndefined();
  });

  it('drops saved bytes that turn out wrong, so the next attempt starts clean', async () => {
    route('/stale', { ranges: true });
    const store = new MemoryModelFileStore();
    await store.savePartial('partial:/stale', 'model.safetensors', 0, new Uint8Array(1000).fill(7)); // not the file's first bytes
    await expect(fetchModelFiles(model('/stale'), store, once)).rejects.toBeInstanceOf(IntegrityError);
    expect(await store.readPartial('partial:/stale', 'model.safetensors')).toBeUndefined();
    const files = await fetchModelFiles(model('/stale'), store, once);
    expect(Buffer.from(files['model.safetensors']).equals(FILE)).toBe(true);
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

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSource } from '../../../models/catalog';
import { CancelledError } from '../../../src/core/jobs/progress';
import { ModelFileError } from '../../../src/core/forecast/model-file-error';
import { readSafetensors, writeSafetensors } from '../../../src/core/onnx/safetensors';
import { downloadErrorKind, downloadFile, HttpError, IntegrityError, NetworkError, StorageFullError } from '../../../src/model-files/download';
import { cacheLocalFiles, fetchModelFiles, readCachedModel } from '../../../src/model-files/fetch-model';
import { groupByModel, MemoryModelFileStore } from '../../../src/model-files/store';
import { TransferMeter } from '../../../src/model-files/transfer-meter';

const FILE = Buffer.from(Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
const FILE_SHA = createHash('sha256').update(FILE).digest('hex');
/** The tiny Chronos-2 checkpoint: what fetchModelFiles must accept (it checks files as loading would). */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/chronos2/${name}`, import.meta.url));
const CONFIG = fixture('config.json');
const WEIGHTS = fixture('model.safetensors');
const WEIGHTS_SHA = createHash('sha256').update(WEIGHTS).digest('hex');

/** Behaviour of the test server for one path. */
interface Route {
  /** Drop the connection after this many body bytes of the first response. */
  dropAfter?: number;
  ranges: boolean;
  status?: number;
  /** What the path serves (default FILE). */
  body?: Buffer;
  /** The first N requests never get headers. */
  silent?: number;
  /** First request: send this many body bytes, then nothing more (the connection stays open). */
  stallAfter?: number;
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
  const first = route.requests.length === 1;
  if (route.requests.length <= (route.silent ?? 0)) return;
  const file = route.body ?? FILE;
  const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = route.ranges && match ? Number(match[1]) : 0;
  const body = file.subarray(start);
  res.writeHead(start > 0 ? 206 : 200, {
    'Content-Length': String(body.byteLength),
    ...(start > 0 ? { 'Content-Range': `bytes ${start}-${file.byteLength - 1}/${file.byteLength}` } : {}),
  });
  if (first && route.stallAfter !== undefined) {
    res.write(body.subarray(0, route.stallAfter));
    return;
  }
  const drop = first ? route.dropAfter : undefined;
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
afterAll(() => new Promise<void>((resolve) => {
  server.closeAllConnections(); // the stalling routes keep theirs open
  server.close(() => resolve());
}));

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

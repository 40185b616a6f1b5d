import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { catalog, resolveSource, type CatalogModel } from '../../../models/catalog';
import { run as backtest } from '../../../src/cli/backtest';
import { run as forecast } from '../../../src/cli/forecast';
import { defaultModelCacheDirectory, DirectoryModelFileStore } from '../../../src/cli/model-cache';
import { fetchModelFiles } from '../../../src/model-files/fetch-model';
import { groupByModel, MemoryModelFileStore, type ModelFileStore } from '../../../src/model-files/store';
import { randomWalk } from '../backtest/helpers';

const fixtureDir = resolve(import.meta.dirname, '../../fixtures/chronos-bolt');
const CONFIG = readFileSync(join(fixtureDir, 'config.json'));
const WEIGHTS = readFileSync(join(fixtureDir, 'model.safetensors'));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A catalog entry for the tiny Chronos-Bolt test checkpoint, served by the local "Hugging Face" below. */
const ENTRY: CatalogModel = {
  id: 'test/chronos-bolt-fixture',
  label: 'Chronos-Bolt test fixture',
  kind: 'chronos-bolt',
  parameters: 0,
  repo: 'test/chronos-bolt-fixture',
  revision: 'r1',
  license: 'apache-2.0',
  quantileLevels: null,
  files: [
    { name: 'config.json', size: CONFIG.byteLength, sha256: sha256(CONFIG) },
    { name: 'model.safetensors', size: WEIGHTS.byteLength, sizeExact: true, sha256: sha256(WEIGHTS) },
  ],
};

/**
 * Serves the fixture at Hugging Face's /<repo>/resolve/<revision>/<file> paths, with Range requests, and logs
 * every request. `breakWeights` cuts the next weights response after that many bytes and then refuses (403)
 * until cleared: a download interrupted for good, as when the machine goes offline.
 */
const requests: { file: string; range?: string }[] = [];
let breakWeights: number | undefined;
let broken = false;
let server: Server;
const dir = mkdtempSync(join(tmpdir(), 'ql-model-cache-'));

function handle(req: IncomingMessage, res: ServerResponse): void {
  const file = (req.url ?? '').replace(`/${ENTRY.repo}/resolve/${ENTRY.revision}/`, '');
  const body = { 'config.json': CONFIG, 'model.safetensors': WEIGHTS }[file];
  if (!body) return void res.writeHead(404).end();
  requests.push({ file, range: req.headers.range });
  if (file === 'model.safetensors' && broken) return void res.writeHead(403).end();
  const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
  const part = body.subarray(start);
  res.writeHead(start > 0 ? 206 : 200, {
    'Content-Length': String(part.byteLength),
    ...(start > 0 ? { 'Content-Range': `bytes ${start}-${body.byteLength - 1}/${body.byteLength}` } : {}),
  });
  if (file === 'model.safetensors' && breakWeights !== undefined) {
    broken = true;
    return void res.write(part.subarray(0, breakWeights), () => setTimeout(() => res.destroy(), 20));
  }
  res.end(part);
}

let csv: string;
beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  catalog.push(ENTRY);
  const s = randomWalk('AAA', 300, 3);
  csv = join(dir, 'AAA.csv');
  writeFileSync(csv, `Date,Open,High,Low,Close,Volume\n${s.dates.map((d, i) => `${d},${s.open[i]},${s.high[i]},${s.low[i]},${s.close[i]},${s.volume[i]}`).join('\n')}\n`);
});
afterAll(() => {
  catalog.splice(catalog.indexOf(ENTRY), 1);
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  vi.stubEnv('HF_ENDPOINT', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  requests.length = 0;
  breakWeights = undefined;
  broken = false;
});
afterEach(() => vi.unstubAllEnvs());

/** `forecast` in-process (the forecast store off, so every run really runs the model): its stderr and output. */
async function runForecast(out: string, ...extra: string[]): Promise<{ stderr: string; output: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  try {
    await forecast(['--model', ENTRY.id, '--csv', csv, '--horizon', '5', '--no-cache', '--out', join(dir, out), ...extra]);
  } finally {
    spy.mockRestore();
  }
  return { stderr: lines.join(''), output: readFileSync(join(dir, out), 'utf8') };
}

/** The output with the model's location taken out: a catalog id and a directory name the same weights. */
const forecasts = (output: string) => JSON.parse(output).forecasts;

describe('CLI model cache', () => {
  it('downloads a catalog model once: the second run makes no request and writes the identical forecast', async () => {
    const cache = join(dir, 'once');
    const first = await runForecast('first.json', '--model-cache', cache);
    expect(first.stderr).toContain(`downloading ${ENTRY.label} from http://127.0.0.1:`);
    expect(requests.map((r) => r.file)).toEqual(['config.json', 'model.safetensors']);
    // The downloaded weights forecast exactly as the same checkpoint read from its directory.
    const local = await runForecast('local.json', '--model', fixtureDir);
    expect(forecasts(first.output)).toEqual(forecasts(local.output));

    requests.length = 0;
    const second = await runForecast('second.json', '--model-cache', cache);
    expect(requests).toEqual([]);
    expect(second.stderr).toContain(`using cached ${ENTRY.label} (model cache ${cache})`);
    expect(second.output).toBe(first.output);
  });

  it('backtest and forecast --cases read the same cache', async () => {
    const cache = join(dir, 'commands');
    await runForecast('warm.json', '--model-cache', cache);
    requests.length = 0;
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      await backtest(['--csv', csv, '--strategy', 'forecast', '--model', ENTRY.id, '--model-cache', cache, '--rebalance', 'monthly', '--no-cache', '--out', join(dir, 'bt.json')]);
      await forecast(['--model', ENTRY.id, '--model-cache', cache, '--cases', join(fixtureDir, 'cases.json'), '--out', join(dir, 'cases.json')]);
    } finally {
      spy.mockRestore();
    }
    expect(requests).toEqual([]);
    expect(lines.filter((l) => l.startsWith(`using cached ${ENTRY.label}`))).toHaveLength(2);
    expect(lines.join('')).toMatch(/forecasts [1-9]\d* computed, 0 reused \(native, no cache\)/); // the cached model ran
    expect(JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')).model_cases.length).toBeGreaterThan(0);
  });

  it('a damaged cached weights file is deleted and downloaded again (not used)', async () => {
    const cache = join(dir, 'damaged');
    const first = await runForecast('a.json', '--model-cache', cache);
    const [model] = readdirSync(cache).filter((name) => name !== 'first-sha256');
    const weights = join(cache, model, 'files', 'model.safetensors');
    const bytes = readFileSync(weights);
    bytes[bytes.byteLength - 100] ^= 0xff; // one flipped byte inside the last tensor
    writeFileSync(weights, bytes);

    requests.length = 0;
    const again = await runForecast('b.json', '--model-cache', cache);
    expect(again.stderr).toMatch(/warning: the cached model\.safetensors of test\/chronos-bolt-fixture is damaged .*downloaded again/);
    expect(again.stderr.match(/warning:/g)).toHaveLength(1); // the new download is the first one's bytes again: no other warning
    expect(requests.map((r) => r.file)).toEqual(['model.safetensors']); // config.json still came from the cache
    expect(again.output).toBe(first.output);
    expect(sha256(readFileSync(weights))).toBe(ENTRY.files[1].sha256);
  });

  it('a cached file that is not the catalog\'s (recorded as such, e.g. another revision) is downloaded again', async () => {
    const cache = join(dir, 'stale');
    const first = await runForecast('s1.json', '--model-cache', cache);
    // Another, consistent checkpoint in the cache (the store's own check passes): only the catalog's sha256 refuses it.
    const other = new Uint8Array(WEIGHTS);
    other[other.byteLength - 100] ^= 0xff;
    await new DirectoryModelFileStore(cache).write({ modelId: ENTRY.id, file: 'model.safetensors', size: other.byteLength, sha256: sha256(other), cachedAt: new Date().toISOString() }, other);

    requests.length = 0;
    const again = await runForecast('s2.json', '--model-cache', cache);
    expect(again.stderr).toMatch(/warning: Chronos-Bolt test fixture: the cached model\.safetensors is not the catalog's file .*downloading it again/);
    expect(again.stderr.match(/warning:/g)).toHaveLength(1);
    expect(requests.map((r) => r.file)).toEqual(['model.safetensors']);
    expect(again.output).toBe(first.output);
  });

  it('--no-model-cache downloads into memory every time and leaves the cache alone', async () => {
    const cache = join(dir, 'unused');
    vi.stubEnv('XDG_CACHE_HOME', join(dir, 'xdg')); // where the default cache would be
    const first = await runForecast('n1.json', '--no-model-cache');
    const second = await runForecast('n2.json', '--no-model-cache');
    expect(requests.map((r) => r.file)).toEqual(['config.json', 'model.safetensors', 'config.json', 'model.safetensors']);
    expect(second.stderr).toContain(`downloading ${ENTRY.label}`);
    expect(second.stderr).not.toContain('model cache');
    expect(second.output).toBe(first.output);
    await expect(runForecast('n3.json', '--no-model-cache', '--model-cache', cache)).rejects.toThrow('--no-model-cache cannot be combined with --model-cache');
    expect(existsSync(cache)).toBe(false);
    expect(existsSync(join(dir, 'xdg'))).toBe(false);
  });

  it('an interrupted download resumes from the saved part on the next run', async () => {
    const cache = join(dir, 'resume');
    breakWeights = 500_000;
    await expect(runForecast('r1.json', '--model-cache', cache)).rejects.toThrow(/--model test\/chronos-bolt-fixture: .*HTTP 403/);
    const [model] = readdirSync(cache).filter((name) => name !== 'first-sha256');
    const partial = readFileSync(join(cache, model, 'partial', 'model.safetensors'));
    expect(partial.byteLength).toBeGreaterThan(0);
    expect(partial.byteLength).toBeLessThanOrEqual(500_000);
    expect(Buffer.compare(partial, WEIGHTS.subarray(0, partial.byteLength))).toBe(0);

    breakWeights = undefined;
    broken = false;
    requests.length = 0;
    const resumed = await runForecast('r2.json', '--model-cache', cache);
    expect(requests).toEqual([{ file: 'model.safetensors', range: `bytes=${partial.byteLength}-` }]);
    expect(existsSync(join(cache, model, 'partial', 'model.safetensors'))).toBe(false);
    const whole = await runForecast('r3.json', '--no-model-cache');
    expect(resumed.output).toBe(whole.output);
  });

  it('fetchModelFiles refuses a cached file with the wrong sha256 from any store (a memory store too)', async () => {
    const model = resolveSource({ type: 'catalog', id: ENTRY.id });
    model.files = model.files.map((f) => ({ ...f, url: f.url.replace('https://huggingface.co', process.env.HF_ENDPOINT!) }));
    const store = new MemoryModelFileStore();
    const wrong = new Uint8Array(WEIGHTS);
    wrong[10_000] ^= 1;
    await store.write({ modelId: ENTRY.id, file: 'model.safetensors', size: wrong.byteLength, cachedAt: '' }, wrong);
    const warnings: string[] = [];
    const files = await fetchModelFiles(model, store, { onWarning: (m) => warnings.push(m) });
    expect(sha256(files['model.safetensors'])).toBe(ENTRY.files[1].sha256);
    expect(sha256((await store.read(ENTRY.id, 'model.safetensors'))!)).toBe(ENTRY.files[1].sha256);
    expect(warnings).toEqual([expect.stringContaining(`the cached model.safetensors is not the catalog's file (${WEIGHTS.byteLength} bytes, sha256 ${sha256(wrong).slice(0, 12)}...`)]);
  });

  it('the directory store behaves as the in-memory store on the same operations, and survives a new process', async () => {
    const root = join(dir, 'contract');
    /** A script of ModelFileStore operations and what each store answers. */
    async function observe(store: ModelFileStore): Promise<unknown[]> {
      const seen: unknown[] = [];
      const info = (file: string, size: number) => ({ modelId: 'url:https://example.org/m/', file, size, cachedAt: '2026-01-01T00:00:00Z' });
      await store.savePartial('url:https://example.org/m/', 'model.onnx', 0, Uint8Array.of(1, 2));
      await store.savePartial('url:https://example.org/m/', 'model.onnx', 2, Uint8Array.of(3));
      await store.savePartial('url:https://example.org/m/', 'model.onnx', 9, Uint8Array.of(9)); // a gap: not kept
      seen.push([...(await store.readPartial('url:https://example.org/m/', 'model.onnx'))!]);
      await store.savePartial('url:https://example.org/m/', 'model.onnx', 0, Uint8Array.of(5)); // starts over
      seen.push([...(await store.readPartial('url:https://example.org/m/', 'model.onnx'))!]);
      await store.write(info('config.json', 2), Uint8Array.of(123, 125));
      seen.push(groupByModel(await store.list()).map((m) => [m.modelId, m.complete, m.size]));
      await store.write(info('model.onnx', 3), Uint8Array.of(7, 8, 9));
      await store.rememberFirstSha256('url:https://example.org/m/', 'model.onnx', 'abc');
      seen.push(await store.rename('url:https://example.org/m/', ' mine '), await store.rename('other', 'x'));
      seen.push(groupByModel(await store.list()).map((m) => [m.modelId, m.complete, m.size, m.userName]));
      seen.push([...(await store.read('url:https://example.org/m/', 'model.onnx'))!], await store.read('url:https://example.org/m/', 'model.safetensors'));
      await store.remove('url:https://example.org/m/');
      seen.push(await store.list(), await store.readPartial('url:https://example.org/m/', 'model.onnx'), await store.firstSha256('url:https://example.org/m/', 'model.onnx'));
      return seen;
    }
    const onDisk = await observe(new DirectoryModelFileStore(root));
    expect(onDisk).toEqual(await observe(new MemoryModelFileStore()));
    expect(onDisk.slice(3, 5)).toEqual([true, false]);
    // What a later run (a new store over the same directory) finds; no temporary file is left behind.
    const store = new DirectoryModelFileStore(root);
    await store.write({ modelId: 'amazon/chronos-2', file: 'config.json', size: 1, sha256: sha256(Uint8Array.of(1)), cachedAt: '' }, Uint8Array.of(1));
    expect([...(await new DirectoryModelFileStore(root).read('amazon/chronos-2', 'config.json'))!]).toEqual([1]);
    expect(readdirSync(root, { recursive: true }).filter((name) => String(name).endsWith('.tmp'))).toEqual([]);
    await expect(store.read('amazon/chronos-2', '../../etc/passwd')).rejects.toThrow('"../../etc/passwd" is not a plain model file name');
  });

  it('--help of both commands that take --model lists the model cache options', async () => {
    for (const command of [forecast, backtest]) {
      const help = await command(['--help']).then(() => '', (error: Error) => error.message);
      expect(help).toMatch(/--model-cache [A-Z]+/);
      expect(help).toContain('--no-model-cache');
    }
  });

  it('the default directory sits beside the forecast store, under XDG_CACHE_HOME when set', () => {
    vi.stubEnv('XDG_CACHE_HOME', '/tmp/xdg');
    expect(defaultModelCacheDirectory()).toBe('/tmp/xdg/quant-lens/models');
  });
});

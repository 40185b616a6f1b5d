import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, huggingFaceUrl } from '../../../models/catalog';
import { loadCliForecaster, readModelFiles } from '../../../src/cli/model-source';
import { nodeRuntime } from '../../../src/cli/onnx-runtime';

const fixtureDir = resolve(import.meta.dirname, '../../fixtures/chronos-bolt');

describe('CLI --model sources', () => {
  it('reads config.json and model.safetensors from a directory', async () => {
    const files = await readModelFiles(fixtureDir);
    expect(files.configJson).toEqual(JSON.parse(readFileSync(join(fixtureDir, 'config.json'), 'utf8')));
    expect(files.weights?.byteLength).toBe(readFileSync(join(fixtureDir, 'model.safetensors')).byteLength);
    await expect(readModelFiles(join(fixtureDir, 'missing'))).rejects.toThrow(/--model .*missing: no config\.json there/);
  });

  it('fetches a catalog id from Hugging Face at the pinned revision and refuses bytes that fail its checks', async () => {
    const entry = catalog.find((m) => m.id === 'amazon/chronos-bolt-tiny')!;
    const requested: string[] = [];
    // A server that answers with the tiny test checkpoint instead of the real files.
    const fakeFetch = (async (input: RequestInfo | URL) => {
      const url = String(input);
      requested.push(url);
      const body = readFileSync(join(fixtureDir, url.slice(url.lastIndexOf('/') + 1)));
      return new Response(body, { status: 200, headers: { 'content-length': String(body.byteLength) } });
    }) as typeof fetch;
    const stderr = process.stderr.write;
    process.stderr.write = () => true; // the "downloading ..." line
    try {
      await expect(readModelFiles(entry.id, fakeFetch)).rejects.toThrow(/--model amazon\/chronos-bolt-tiny: .*config\.json: received \d+ bytes, expected 1120/);
    } finally {
      process.stderr.write = stderr;
    }
    expect(requested[0]).toBe(huggingFaceUrl(entry.repo, entry.revision, 'config.json'));
  });

  it('gives backtests the baselines by id', async () => {
    const runtime = await nodeRuntime('native');
    const drift = await loadCliForecaster('baseline:drift', runtime);
    expect(drift.forecaster.info.id).toBe('baseline:drift');
    expect(drift.identity).toBe('baseline:drift@builtin');
    await expect(loadCliForecaster('baseline:magic', runtime)).rejects.toThrow(/unknown baseline "baseline:magic" \(baseline:naive, /);
  });

  it('a URL server that stops sending mid-file is timed out with the URL and file named (no hang)', async () => {
    const config = readFileSync(join(fixtureDir, 'config.json'));
    const weights = readFileSync(join(fixtureDir, 'model.safetensors'));
    let weightRequests = 0;
    // Serves config.json whole; of model.safetensors it sends the headers and the first 1,000 bytes, then nothing.
    const server: Server = createServer((req, res) => {
      if (req.url === '/m/config.json') return res.end(config);
      if (req.url !== '/m/model.safetensors') return res.writeHead(404).end();
      weightRequests++;
      res.writeHead(200, { 'content-length': String(weights.byteLength) });
      res.write(weights.subarray(0, 1000));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m`;
    const began = Date.now();
    try {
      await expect(readModelFiles(url, fetch, { stallTimeoutMs: 300 })).rejects.toThrow(
        `--model ${url}: model.safetensors: ${url}/model.safetensors: no data from the server for 0.3 s (after 1000 bytes), tried 3 times`);
    } finally {
      server.closeAllConnections();
      server.close();
    }
    expect(weightRequests).toBe(3);
    expect(Date.now() - began).toBeLessThan(10_000);
  });
});

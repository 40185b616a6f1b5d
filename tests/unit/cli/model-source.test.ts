import { readFileSync } from 'node:fs';
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
});

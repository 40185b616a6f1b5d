/**
 * A whole cases file run as the app's Settings > Diagnostics runs it (src/core/forecast/case-file.ts, raw
 * outputs) on both onnxruntime backends, for both checkpoint families, and compared with the official
 * outputs by the tests' one golden metric.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { runCaseFile } from '../../../src/core/forecast/case-file';
import type { Ort } from '../../../src/core/forecast/model-loader';
import { providerInUse } from '../../../workers/forecast/backend';
import { compareCaseOutputs, GOLDEN_THRESHOLD, worstErrors } from '../../support/golden-metric';
import { backends, runtimeFor } from '../backends';

const fixture = (family: string, name: string) => readFileSync(new URL(`../../fixtures/${family}/${name}`, import.meta.url));
const files = (family: string) => ({ configJson: fixture(family, 'config.json').toString('utf8'), weights: new Uint8Array(fixture(family, 'model.safetensors')) });
const cases = (family: string) => JSON.parse(fixture(family, 'cases.json').toString('utf8'));

const families = [
  { dir: 'chronos2', family: 'Chronos-2', count: 20 }, // 12 model + 8 pipeline cases
  { dir: 'chronos-bolt', family: 'Chronos-Bolt', count: 21 }, // 10 model + 1 embed + 10 pipeline cases
];

describe.each(backends)('cases files run whole, %s backend', (backend) => {
  it.each(families)('$family: every case within 1e-4 of the official outputs', async ({ dir, family, count }) => {
    const runtime = await runtimeFor(backend);
    const run = await runCaseFile(runtime.ort, files(dir), cases(dir), runtime.executionProviders);
    expect(run.family).toBe(family);
    expect(run.cases).toBe(count);
    const errors = compareCaseOutputs(cases(dir), run.outputs);
    expect(errors).toHaveLength(count);
    const worst = worstErrors(errors);
    console.log(`${family} cases file on ${backend}: worst model case ${worst.model.toExponential(2)}, worst pipeline case ${worst.pipeline.toExponential(2)}`);
    expect(worst.model).toBeLessThan(GOLDEN_THRESHOLD);
    expect(worst.pipeline).toBeLessThan(GOLDEN_THRESHOLD);
  }, 120_000);
});

describe('cases files: wrong pairings and the provider in use', () => {
  it('refuses Chronos-2 cases for a Bolt checkpoint, naming the file', async () => {
    await expect(runCaseFile(ort as unknown as Ort, files('chronos-bolt'), cases('chronos2'), ['wasm'])).rejects.toThrow(/cases\.json: a Chronos-Bolt checkpoint needs cases in the Chronos-Bolt golden format/);
    await expect(runCaseFile(ort as unknown as Ort, files('chronos2'), [], ['wasm'])).rejects.toThrow(/cases\.json: expected a JSON object/);
  });

  it('reports the provider the session actually ran on: WebGPU requested where it cannot start gives "wasm"', async () => {
    // Node has no WebGPU: onnxruntime drops the provider with a console warning and runs on WASM.
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    const providers = ['webgpu', 'wasm'];
    try {
      ort.env.wasm.numThreads = 1;
      const one = { model_cases: cases('chronos-bolt').model_cases.slice(0, 1), embed_cases: [] };
      const run = await runCaseFile(ort as unknown as Ort, files('chronos-bolt'), one, providers);
      expect(run.cases).toBe(1);
      expect(providerInUse(ort as unknown as Ort, providers)).toBe('wasm');
    } finally {
      console.warn = warn;
    }
    expect(warnings.join('\n')).toMatch(/removing requested execution provider "webgpu"/);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { runGoldenCases } from '../../../workers/forecast/golden';
import { fixtureDir } from './golden';

const files = () => ({
  configJson: JSON.parse(readFileSync(fixtureDir + 'config.json', 'utf8')) as Record<string, unknown>,
  weights: new Uint8Array(readFileSync(fixtureDir + 'model.safetensors')),
});
const cases = () => JSON.parse(readFileSync(fixtureDir + 'cases.json', 'utf8'));

describe("the forecast worker's golden-case check with a Chronos-Bolt checkpoint", () => {
  it('dispatches on the config and passes every case at 1e-4', async () => {
    ort.env.wasm.numThreads = 1;
    const report = await runGoldenCases(ort, cases(), files(), ['wasm']);
    expect(report.cases.map((c) => c.name)).toContain('embed_list_2');
    expect(report.cases).toHaveLength(21);
    expect(report.worstModelCase).toBeLessThan(1e-4);
    expect(report.worstPipelineCase).toBeLessThan(1e-4);
  });

  it('flags a wrong golden value and a wrong call sequence', async () => {
    const broken = cases();
    broken.model_cases[0].outputs.quantile_preds[0][0][0] += 1;
    broken.pipeline_cases[2].forward_calls.pop();
    const report = await runGoldenCases(ort, broken, files(), ['wasm']);
    const error = (name: string) => report.cases.find((c) => c.name === name)!.error;
    expect(error(broken.model_cases[0].name)).toBeGreaterThan(1e-3);
    expect(error(broken.pipeline_cases[2].name)).toBe(Infinity);
    expect(error(broken.pipeline_cases[1].name)).toBeLessThan(1e-4);
  });

  it('reports the provider the session actually ran on: WebGPU requested where it cannot start gives "wasm"', async () => {
    // Node has no WebGPU: onnxruntime drops the provider with a console warning and runs on WASM.
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const report = await runGoldenCases(ort, cases(), files(), ['webgpu', 'wasm']);
      expect(report.backend).toBe('wasm');
    } finally {
      console.warn = warn;
    }
    expect(warnings.join('\n')).toMatch(/removing requested execution provider "webgpu"/);
  });
});

/**
 * Settings > Diagnostics: run a cases file (the official golden-case format) on this browser's backend and
 * return this code's outputs, raw, for comparison with the official implementation's (the tests compare
 * them with tests/support/golden-metric.ts; a user can download them and compare their own way).
 */
import { runCaseFile, type CaseFileOutputs } from '../../src/core/forecast/case-file';
import type { JobOptions, ProgressListener } from '../../src/core/jobs/progress';
import { withJob } from '../shared/jobs';
import { currentBackend, executionProviders, providerInUse } from './backend';
import { fetchBytes } from './downloads';
import { onnxRuntime } from './runtime';

export interface CaseRun extends CaseFileOutputs {
  /** The execution provider the session actually ran on (onnxruntime drops a WebGPU it cannot start). */
  backend: string;
  milliseconds: number;
}

async function runCasesAt(prefix: string, base: string, backend: 'webgpu' | 'wasm' | undefined, job: JobOptions): Promise<CaseRun> {
  const dir = new URL(prefix.endsWith('/') ? prefix : `${prefix}/`, base);
  const [cases, config, weights] = await Promise.all(['cases.json', 'config.json', 'model.safetensors'].map((f) => fetchBytes(new URL(f, dir).href)));
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text(cases));
  } catch (error) {
    throw new Error(`cases.json: not valid JSON (${(error as Error).message.slice(0, 120)})`);
  }
  const current = await currentBackend();
  const { ort } = onnxRuntime(current.threads);
  const providers = executionProviders({ backend: backend ?? current.backend });
  const began = performance.now();
  const run = await runCaseFile(ort, { configJson: text(config), weights }, parsed, providers, job);
  return { ...run, backend: providerInUse(ort, providers), milliseconds: performance.now() - began };
}

export const diagnosticsApi = {
  /** Runs `cases.json` with the `config.json` and `model.safetensors` found at a URL prefix. */
  runCasesAt(jobId: string, prefix: string, base: string, backend?: 'webgpu' | 'wasm', onProgress?: ProgressListener): Promise<CaseRun> {
    return withJob(jobId, (signal) => runCasesAt(prefix, base, backend, { signal, onProgress }));
  },
};

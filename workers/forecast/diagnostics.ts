/**
 * Settings > Diagnostics: check that a cached model runs here and how fast (on the backend in use), and run
 * a cases file (the official golden-case format) on this browser's backend, returning this code's outputs,
 * raw, for comparison with the official implementation's (the tests compare them with
 * tests/support/golden-metric.ts; a user can download them and compare their own way).
 */
import { runCaseFile, type CaseFileOutputs } from '../../src/core/forecast/case-file';
import { DEFAULT_HORIZON } from '../../src/core/forecast/defaults';
import type { JobOptions, ProgressListener } from '../../src/core/jobs/progress';
import { withJob } from '../shared/jobs';
import { currentBackend, executionProviders, providerInUse } from './backend';
import { modelStore } from './cached-model';
import { fetchBytes } from './downloads';
import { forecasterById } from './models';
import { onnxRuntime } from './runtime';
import { PROBE_CONTEXT, timeForecaster } from './speed-probe';

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

export interface ModelCheck {
  /** The execution provider the session runs on. */
  backend: string;
  msPerForecast: number;
  contextLength: number;
  horizon: number;
}

export const diagnosticsApi = {
  /** Loads a cached model on the current backend (as forecasts do) and times a forecast of a 512-bar series. */
  checkModel(jobId: string, modelId: string): Promise<ModelCheck> {
    return withJob(jobId, async () => {
      const choice = await currentBackend();
      const forecaster = await forecasterById(modelId, modelStore, choice);
      const msPerForecast = await timeForecaster(forecaster);
      return { backend: providerInUse(onnxRuntime(choice.threads).ort, executionProviders(choice)), msPerForecast, contextLength: PROBE_CONTEXT, horizon: DEFAULT_HORIZON };
    });
  },


  /** Runs `cases.json` with the `config.json` and `model.safetensors` found at a URL prefix. */
  runCasesAt(jobId: string, prefix: string, base: string, backend?: 'webgpu' | 'wasm', onProgress?: ProgressListener): Promise<CaseRun> {
    return withJob(jobId, (signal) => runCasesAt(prefix, base, backend, { signal, onProgress }));
  },
};

/**
 * Which onnxruntime-web execution provider to use: WebGPU when the browser gives an adapter, else
 * WASM (SIMD; threads when the page is cross-origin isolated, since threads need SharedArrayBuffer).
 * The user can force either; the choice and its reason are shown in the Forecasts tab.
 * `currentBackend()` is the worker's choice, made once and changed by `backendApi.setBackend`.
 */
import type { Ort } from '../../src/core/forecast/model-loader';

export type BackendPreference = 'auto' | 'webgpu' | 'wasm';

export interface BackendEnvironment {
  /** Description of the WebGPU adapter, or undefined when `navigator.gpu.requestAdapter()` gave none. */
  webgpuAdapter?: string;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

export interface BackendChoice {
  backend: 'webgpu' | 'wasm';
  /** WASM threads (also used by WebGPU sessions for the ops that stay on the CPU). */
  threads: number;
  preference: BackendPreference;
  environment: BackendEnvironment;
  /** One sentence for the user. */
  reason: string;
}

export const MAX_WASM_THREADS = 4;

export function chooseBackend(preference: BackendPreference, environment: BackendEnvironment): BackendChoice {
  const threads = environment.crossOriginIsolated ? Math.max(1, Math.min(MAX_WASM_THREADS, environment.hardwareConcurrency || 1)) : 1;
  const threadNote = environment.crossOriginIsolated
    ? `${threads} thread${threads === 1 ? '' : 's'}`
    : '1 thread (the page is not cross-origin isolated, so no shared memory for threads)';
  const gpu = environment.webgpuAdapter;
  if (preference !== 'wasm' && gpu) {
    return { backend: 'webgpu', threads, preference, environment, reason: `WebGPU on ${gpu}${preference === 'auto' ? ' (adapter found)' : ' (chosen)'}` };
  }
  const why =
    preference === 'wasm' ? 'chosen' : preference === 'webgpu' ? 'WebGPU was requested but the browser offers no adapter' : 'no WebGPU adapter';
  return { backend: 'wasm', threads, preference, environment, reason: `WASM with SIMD, ${threadNote}: ${why}` };
}

/** Probes the current worker/page. */
export async function detectEnvironment(): Promise<BackendEnvironment> {
  let webgpuAdapter: string | undefined;
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string } } | null> } }).gpu;
  if (gpu) {
    try {
      const adapter = await gpu.requestAdapter();
      if (adapter) webgpuAdapter = [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ') || 'WebGPU adapter';
    } catch {
      webgpuAdapter = undefined;
    }
  }
  return {
    webgpuAdapter,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: navigator.hardwareConcurrency ?? 1,
  };
}

/** ORT execution providers for a choice; WebGPU keeps WASM as the fallback for unsupported ops. */
export function executionProviders(choice: Pick<BackendChoice, 'backend'>): string[] {
  return choice.backend === 'webgpu' ? ['webgpu', 'wasm'] : ['wasm'];
}

/**
 * The execution provider a session created with `requested` actually runs on. onnxruntime drops a
 * requested provider it cannot start (it only logs "removing requested execution provider") and carries
 * on with the next one, so the request alone proves nothing. The WebGPU provider is in use only if ORT
 * started its WebGPU backend, which then publishes its GPUDevice as `ort.env.webgpu.device`.
 */
export function providerInUse(ort: Pick<Ort, 'env'>, requested: readonly string[]): string {
  const webgpuStarted = Object.getOwnPropertyDescriptor(ort.env.webgpu, 'device')?.value !== undefined;
  return requested.find((name) => name !== 'webgpu' || webgpuStarted) ?? 'none';
}

let choice: Promise<BackendChoice> | undefined;

/** The backend this worker's sessions use ('auto' until the user picks one). */
export function currentBackend(): Promise<BackendChoice> {
  choice ??= detectEnvironment().then((env) => chooseBackend('auto', env));
  return choice;
}

export const backendApi = {
  /** Sets the backend preference (auto/webgpu/wasm) and says what will be used and why. */
  async setBackend(preference: BackendPreference): Promise<BackendChoice> {
    const env = await detectEnvironment();
    choice = Promise.resolve(chooseBackend(preference, env));
    return choice;
  },

  backend(): Promise<BackendChoice> {
    return currentBackend();
  },
};

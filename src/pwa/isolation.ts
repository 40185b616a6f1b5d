/**
 * Whether onnxruntime-web can use WASM threads here. Threads need SharedArrayBuffer, which browsers only
 * give to cross-origin isolated pages (COOP + COEP headers, from the server or from our service worker).
 * Works in the page and in workers (`self.crossOriginIsolated`).
 */

/**
 * - `isolated`: threads available.
 * - `pending-reload`: not yet, but the service worker now adds the headers; a reload makes the page isolated.
 * - `single-threaded`: isolation is impossible here (no service worker support, or opted out with `?coi=0`).
 */
export type IsolationMode = 'isolated' | 'pending-reload' | 'single-threaded';

export interface IsolationStatus {
  isolated: boolean;
  mode: IsolationMode;
  /** Threads to give onnxruntime-web (`ort.env.wasm.numThreads`): 1 when not isolated. */
  wasmThreads: number;
}

/**
 * Same cap as the forecast worker's backend choice (workers/forecast/backend.ts): ORT's WASM kernels gain
 * little beyond a few threads, and the compute worker and the UI share the cores.
 */
const MAX_WASM_THREADS = 4;

let reloadWouldIsolate = false;

/** Set by the service-worker registration when a reload would make the page isolated. */
export function setReloadWouldIsolate(value: boolean): void {
  reloadWouldIsolate = value;
}

export function isolationStatus(): IsolationStatus {
  const isolated = globalThis.crossOriginIsolated === true;
  const cores = globalThis.navigator?.hardwareConcurrency || 1;
  return {
    isolated,
    mode: isolated ? 'isolated' : reloadWouldIsolate ? 'pending-reload' : 'single-threaded',
    wasmThreads: isolated ? Math.max(1, Math.min(cores, MAX_WASM_THREADS)) : 1,
  };
}

/**
 * The one onnxruntime-web entry the app uses: the default browser build (JSEP), whose single
 * `ort-wasm-simd-threaded.jsep.wasm` runs both the WASM and the WebGPU execution providers.
 * The wasm file's URL comes from Vite (`?url`), so it resolves next to the built worker under any
 * sub-path the app is served from.
 */
import * as ort from 'onnxruntime-web';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import type { Ort } from '../../src/core/forecast/model-loader';
import { oneSessionAtATime } from './session-queue';

let threadsInUse: number | undefined;
// Every session of this worker is created through the queue (see session-queue.ts).
const queuedOrt = oneSessionAtATime(ort as Ort);

/** ORT configured for `threads` WASM threads. The count is fixed once the runtime has started. */
export function onnxRuntime(threads: number): { ort: Ort; threads: number } {
  if (threadsInUse === undefined) {
    ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, import.meta.url).href };
    ort.env.wasm.numThreads = threads;
    threadsInUse = threads;
  }
  return { ort: queuedOrt, threads: threadsInUse };
}

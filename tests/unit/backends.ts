/**
 * The two onnxruntime backends the golden-vector tests run on (src/cli/onnx-runtime.ts): onnxruntime-node
 * (native CPU) and onnxruntime-web's WASM build. A backend that cannot load fails the test instead of
 * falling back, so a "native" result is never silently a WASM one.
 */
import { nodeRuntime, type BackendName, type NodeRuntime } from '../../src/cli/onnx-runtime';

export const backends: BackendName[] = ['native', 'wasm'];

const runtimes = new Map<BackendName, Promise<NodeRuntime>>();

export function runtimeFor(backend: BackendName): Promise<NodeRuntime> {
  let runtime = runtimes.get(backend);
  if (!runtime) {
    runtime = nodeRuntime(backend, { threads: 1, notice: (line) => { throw new Error(`${backend} backend unavailable: ${line}`); } });
    runtimes.set(backend, runtime);
  }
  return runtime;
}

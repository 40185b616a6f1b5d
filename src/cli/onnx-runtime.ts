/**
 * Which onnxruntime runs the ONNX graphs in Node: `native` (onnxruntime-node, the CPU execution provider)
 * by default, `wasm` (onnxruntime-web, the build the browser uses) on request or when the native binary
 * cannot load on this platform. Both take the same graphs and give the same golden results
 * (tests/unit/chronos2, tests/unit/bolt run on both).
 */
import type { Ort } from '../core/forecast/model-loader';
import { CliError } from './args';

export type BackendName = 'native' | 'wasm';

export const backendNames: readonly BackendName[] = ['native', 'wasm'];

export interface NodeRuntime {
  ort: Ort;
  backend: BackendName;
  /** ORT execution providers for `loadForecaster` and the model classes. */
  executionProviders: string[];
}

/** `--backend` as given on the command line (default native). */
export function parseBackend(value: string | undefined): BackendName {
  if (value === undefined) return 'native';
  if (!(backendNames as readonly string[]).includes(value)) throw new CliError(`option --backend expects native or wasm, got "${value}"`);
  return value as BackendName;
}

/**
 * The runtime for `requested`. A native runtime that fails to load falls back to WASM with a one-line
 * notice (`notice`, default stderr), so a platform without onnxruntime-node binaries still forecasts.
 * `threads` sets the WASM thread count (onnxruntime-node picks its own intra-op threads).
 */
export async function nodeRuntime(requested: BackendName, options: { threads?: number; notice?: (line: string) => void } = {}): Promise<NodeRuntime> {
  if (requested === 'native') {
    try {
      const native = await import('onnxruntime-node');
      // Same API surface as onnxruntime-web for everything the core uses (InferenceSession, Tensor).
      return { ort: native as unknown as Ort, backend: 'native', executionProviders: ['cpu'] };
    } catch (error) {
      const notice = options.notice ?? ((line: string) => process.stderr.write(line + '\n'));
      notice(`notice: native onnxruntime could not load (${(error as Error).message.split('\n')[0]}); using onnxruntime-web WASM instead`);
    }
  }
  const wasm = await import('onnxruntime-web');
  if (options.threads !== undefined) wasm.env.wasm.numThreads = options.threads;
  return { ort: wasm as Ort, backend: 'wasm', executionProviders: ['wasm'] };
}

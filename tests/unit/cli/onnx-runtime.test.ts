import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('onnxruntime-node');
  vi.resetModules();
});

describe('Node onnxruntime backends', () => {
  it('loads native onnxruntime by default and the WASM build on request', async () => {
    const { nodeRuntime, parseBackend } = await import('../../../src/cli/onnx-runtime');
    expect(parseBackend(undefined)).toBe('native');
    expect(() => parseBackend('gpu')).toThrow(/--backend expects native or wasm, got "gpu"/);
    const native = await nodeRuntime('native', { notice: (line) => { throw new Error(line); } });
    expect([native.backend, native.executionProviders]).toEqual(['native', ['cpu']]);
    expect(native.ort.InferenceSession).toBe((await import('onnxruntime-node')).InferenceSession);
    const wasm = await nodeRuntime('wasm');
    expect([wasm.backend, wasm.executionProviders]).toEqual(['wasm', ['wasm']]);
    expect(wasm.ort.InferenceSession).toBe((await import('onnxruntime-web')).InferenceSession);
  });

  it('falls back to WASM with a one-line notice where the native binary cannot load', async () => {
    // A platform without onnxruntime-node binaries: its import fails as a missing .node file would.
    vi.doMock('onnxruntime-node', () => {
      throw new Error('Cannot find module ../bin/napi-v6/linux/riscv64/onnxruntime_binding.node');
    });
    const { nodeRuntime } = await import('../../../src/cli/onnx-runtime');
    const notices: string[] = [];
    const runtime = await nodeRuntime('native', { notice: (line) => notices.push(line) });
    expect(runtime.backend).toBe('wasm');
    expect(notices).toHaveLength(1);
    // (vitest reports the failed import with its own first line; the notice carries whatever the import said.)
    expect(notices[0]).toMatch(/^notice: native onnxruntime could not load \(.+\); using onnxruntime-web WASM instead$/);
  });
});

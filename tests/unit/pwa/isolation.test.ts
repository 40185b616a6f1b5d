import { afterEach, describe, expect, it, vi } from 'vitest';
import { isolationStatus, setReloadWouldIsolate } from '../../../src/pwa/isolation';

describe('isolationStatus', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setReloadWouldIsolate(false);
  });

  it('not isolated: one WASM thread, single-threaded unless a reload would isolate', () => {
    vi.stubGlobal('crossOriginIsolated', false);
    expect(isolationStatus()).toEqual({ isolated: false, mode: 'single-threaded', wasmThreads: 1 });
    setReloadWouldIsolate(true);
    expect(isolationStatus()).toEqual({ isolated: false, mode: 'pending-reload', wasmThreads: 1 });
  });

  it('isolated: one thread per logical core, at most 4', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
    expect(isolationStatus()).toEqual({ isolated: true, mode: 'isolated', wasmThreads: 2 });
    vi.stubGlobal('navigator', { hardwareConcurrency: 32 });
    expect(isolationStatus().wasmThreads).toBe(4);
    vi.stubGlobal('navigator', {});
    expect(isolationStatus().wasmThreads).toBe(1);
  });
});

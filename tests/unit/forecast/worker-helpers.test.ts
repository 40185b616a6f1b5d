import { describe, expect, it } from 'vitest';
import { barsToSeries } from '../../../src/core/data/types';
import { chooseBackend, executionProviders } from '../../../workers/forecast/backend';
import { alignByDate, buildRequest, nextTradingDays } from '../../../workers/forecast/inputs';

describe('chooseBackend', () => {
  const isolated = { crossOriginIsolated: true, hardwareConcurrency: 8 };
  it('uses WebGPU when an adapter exists, unless WASM is forced', () => {
    expect(chooseBackend('auto', { ...isolated, webgpuAdapter: 'google swiftshader' }).backend).toBe('webgpu');
    expect(chooseBackend('wasm', { ...isolated, webgpuAdapter: 'google swiftshader' }).backend).toBe('wasm');
    const fallback = chooseBackend('webgpu', isolated);
    expect(fallback.backend).toBe('wasm');
    expect(fallback.reason).toMatch(/no adapter/);
    expect(executionProviders({ backend: 'webgpu' })).toEqual(['webgpu', 'wasm']);
  });
  it('uses min(4, cores) WASM threads only when cross-origin isolated', () => {
    expect(chooseBackend('auto', isolated).threads).toBe(4);
    expect(chooseBackend('auto', { crossOriginIsolated: true, hardwareConcurrency: 2 }).threads).toBe(2);
    const single = chooseBackend('auto', { crossOriginIsolated: false, hardwareConcurrency: 8 });
    expect(single.threads).toBe(1);
    expect(single.reason).toMatch(/not cross-origin isolated/);
  });
});

describe('forecast inputs', () => {
  const bar = (date: string, close: number, volume = 1) => ({ date, open: close, high: close, low: close, close, volume });
  const target = barsToSeries('AAA', [bar('2024-01-02', 10, 5), bar('2024-01-03', 11, 6), bar('2024-01-04', 12, 7)]);
  const index = barsToSeries('IDX', [bar('2024-01-02', 100), bar('2024-01-04', 102), bar('2024-01-05', 103)]);

  it('aligns other series on the target dates with NaN gaps', () => {
    expect([...alignByDate(target.dates, index, index.close)]).toEqual([100, NaN, 102]);
  });

  it('builds a request with volume, benchmark and related series over the last context bars', () => {
    const request = buildRequest(target, { volume: true, benchmark: index, related: [index] }, 2);
    expect([...request.target]).toEqual([11, 12]);
    expect([...request.pastCovariates!.volume]).toEqual([6, 7]);
    expect([...request.pastCovariates!.IDX]).toEqual([NaN, 102]);
    expect([...request.relatedTargets!.IDX]).toEqual([NaN, 102]);
    expect(buildRequest(target).pastCovariates).toBeUndefined();
  });

  it('lists the next NYSE trading days, skipping weekends and holidays', () => {
    // 2024-12-24 (Tue) -> 25 is Christmas, 28/29 a weekend, 2025-01-01 New Year
    expect(nextTradingDays('2024-12-24', 5)).toEqual(['2024-12-26', '2024-12-27', '2024-12-30', '2024-12-31', '2025-01-02']);
  });
});

import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import type { Ort } from '../../../src/core/forecast/model-loader';
import { estimateSpeed, extrapolateToDepth } from '../../../workers/forecast/speed-probe';

const config = (dir: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${dir}/config.json`, import.meta.url), 'utf8'));

describe('speed estimate before download', () => {
  it('extrapolates linearly in depth from 1 and 2 layers', () => {
    // 10 ms with one layer, 14 ms with two: 4 ms per extra layer -> 12 layers = 10 + 11 * 4
    expect(extrapolateToDepth(10, 14, 12)).toBe(54);
    expect(extrapolateToDepth(10, 9, 12)).toBe(10);
  });

  it('builds and times shallow zero-weight copies of both model families', async () => {
    for (const dir of ['chronos2', 'chronos-bolt']) {
      const estimate = await estimateSpeed(ort as Ort, config(dir), ['wasm']);
      expect(estimate.layers).toBe(2);
      expect(estimate.msPerForecast).toBeGreaterThan(0);
      expect(Number.isFinite(estimate.msPerForecast)).toBe(true);
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { readSafetensors } from '../../../src/core/onnx/safetensors';
import { parseBoltConfig } from '../../../src/core/forecast/bolt/config';
import { ChronosBoltModel } from '../../../src/core/forecast/bolt/model';
import { ChronosBoltPipeline } from '../../../src/core/forecast/bolt/pipeline';
import { ChronosBoltForecaster } from '../../../src/core/forecast/bolt/forecaster';
import { CancelledError } from '../../../src/core/jobs/progress';
import { GOLDEN_THRESHOLD, pipelineError } from '../../support/golden-metric';
import { f32, fixtureDir, loadCases } from './golden';

const golden = loadCases().pipeline_cases.find((c) => c.name === 'predict_quantiles_default_levels')!;
let forecaster: ChronosBoltForecaster;

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  const config = parseBoltConfig(JSON.parse(readFileSync(fixtureDir + 'config.json', 'utf8')));
  const weights = readSafetensors(new Uint8Array(readFileSync(fixtureDir + 'model.safetensors')));
  const model = await ChronosBoltModel.create(ort, config, weights);
  forecaster = new ChronosBoltForecaster(new ChronosBoltPipeline(model), { id: 'test:bolt-d', label: 'Bolt D' }, () => model.dispose());
}, 120_000); // session creation can be slow when other jobs load the machine

describe('ChronosBoltForecaster', () => {
  it('reports the official predict_quantiles output as Forecast rows (horizon 80 > H)', async () => {
    const targets = golden.inputs.map((s) => Float64Array.from(f32(s)));
    const events: number[] = [];
    const forecasts = await forecaster.forecast(
      targets.map((target) => ({ target })),
      { horizon: 80, onProgress: (e) => e.status === 'progress' && events.push(e.done) },
    );
    expect(forecaster.info).toMatchObject({ kind: 'chronos-bolt', levels: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] });
    expect(events).toEqual([2]);
    const want = f32(golden.outputs.quantiles!); // [B, L, 9]
    const wantMedian = f32(golden.outputs.mean!);
    forecasts.forEach((f, b) => {
      // Forecast.quantiles is [level, step]; the golden output is [step, level].
      const mine = new Float32Array(80 * 9);
      for (let t = 0; t < 80; t++) for (let q = 0; q < 9; q++) mine[t * 9 + q] = f.quantiles[q * 80 + t];
      expect(pipelineError(mine, want.subarray(b * 720, (b + 1) * 720), 9)).toBeLessThan(GOLDEN_THRESHOLD);
      expect(pipelineError(Float32Array.from(f.median), wantMedian.subarray(b * 80, (b + 1) * 80), 80)).toBeLessThan(GOLDEN_THRESHOLD);
      const last = targets[b][targets[b].length - 1];
      // summarizeForecast defines the return only from a positive last price (these series are not prices).
      if (last > 0) expect(f.expectedReturn).toBeCloseTo(f.median[79] / last - 1, 12);
      else expect(f.expectedReturn).toBeNaN();
      expect(f.interval80!.lower[0]).toBe(f.quantiles[0]);
      expect(f.interval80!.upper[0]).toBe(f.quantiles[8 * 80]);
    });
  });

  it('rejects a series without observations and stops when cancelled', async () => {
    await expect(forecaster.forecast([{ target: Float64Array.from([NaN, NaN]) }], { horizon: 5 })).rejects.toThrow(/series 0 has no observed values/);
    const controller = new AbortController();
    controller.abort();
    await expect(forecaster.forecast([{ target: Float64Array.from([1, 2, 3]) }], { horizon: 5, signal: controller.signal })).rejects.toBeInstanceOf(
      CancelledError,
    );
  });
});

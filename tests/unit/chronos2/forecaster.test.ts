import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/jobs/progress';
import { loadForecaster } from '../../../src/core/forecast/model-loader';
import { GOLDEN_THRESHOLD, pipelineError } from '../../support/golden-metric';
import { cases, configJson, fixturePath } from './golden';

const weights = new Uint8Array(readFileSync(fixturePath('model.safetensors')));
const golden = cases.pipeline_cases.find((c: { name: string }) => c.name === 'univariate_list_short_horizon');
const toF64 = (values: (number | null)[]) => Float64Array.from(values, (v) => (v === null ? NaN : v));

describe('Chronos2Forecaster via loadForecaster', () => {
  it('forecasts like the official pipeline and summarises the quantiles', async () => {
    const forecaster = await loadForecaster(ort, { configJson: JSON.stringify(configJson), weights }, { id: 'golden' });
    expect(forecaster.info).toMatchObject({ id: 'golden', kind: 'chronos-2', levels: configJson.chronos_config.quantiles });
    const requests = golden.inputs.map((t: { target: (number | null)[] }) => ({ target: toF64(t.target) }));
    const events: unknown[] = [];
    const forecasts = await forecaster.forecast(requests, { horizon: 21, onProgress: (e) => events.push(e) });
    expect(events.at(-1)).toEqual({ status: 'progress', done: 3, total: 3, unit: 'series' });
    const Q = 21, H = 21;
    forecasts.forEach((f, i) => {
      const rows = Array.from({ length: Q }, (_, q) => Array.from(f.quantiles.subarray(q * H, (q + 1) * H)));
      const goldenRows = golden.outputs.predictions[i][0];
      expect(pipelineError(rows, goldenRows)).toBeLessThan(GOLDEN_THRESHOLD);
      // The median is the 0.5 level (index 10 of the 21 Chronos-2 levels).
      expect(Array.from(f.median)).toEqual(rows[10]);
      const target = requests[i].target as Float64Array;
      let last = NaN;
      for (let t = target.length - 1; t >= 0 && Number.isNaN(last); t--) if (Number.isFinite(target[t])) last = target[t];
      // DESIGN.md: median at the horizon end / last price − 1 (NaN for a non-positive "price").
      if (last > 0) expect(f.expectedReturn).toBeCloseTo(rows[10][H - 1] / last - 1, 12);
      else expect(f.expectedReturn).toBeNaN();
      f.interval80!.lower.forEach((v, t) => expect(v).toBeCloseTo(rows[2][t], 9)); // level 0.1
      // 0.975 lies between the levels 0.95 and 0.99: weight (0.975 − 0.95)/0.04 = 0.625.
      f.interval95!.upper.forEach((v, t) => expect(v).toBeCloseTo(rows[19][t] + 0.625 * (rows[20][t] - rows[19][t]), 6));

    });
    await forecaster.dispose?.();
  });

  it('uses related series and past covariates (group attention changes the forecast) and validates alignment', async () => {
    const forecaster = await loadForecaster(ort, { configJson, weights });
    const target = toF64(golden.inputs[0].target).subarray(40, 200);
    const related = toF64(golden.inputs[2].target).subarray(40, 200);
    const [alone] = await forecaster.forecast([{ target }], { horizon: 16 });
    const [joint] = await forecaster.forecast([{ target, pastCovariates: { index: related } }], { horizon: 16 });
    const diff = Math.max(...alone.median.map((v, i) => Math.abs(v - joint.median[i])));
    expect(diff).toBeGreaterThan(1e-3);
    await expect(forecaster.forecast([{ target, relatedTargets: { other: related.subarray(1) } }], { horizon: 16 })).rejects.toThrow(
      /series 0: related series "other" has 159 values, the target has 160/,
    );
    const controller = new AbortController();
    controller.abort();
    await expect(forecaster.forecast([{ target }], { horizon: 16, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    await forecaster.dispose?.();
  });

  it('rejects configs of other models and checkpoints that do not match their config', async () => {
    await expect(loadForecaster(ort, { configJson: { architectures: ['LlamaForCausalLM'] }, weights })).rejects.toThrow(/"LlamaForCausalLM", which is not a supported model/);
    await expect(loadForecaster(ort, { configJson: '{oops', weights })).rejects.toThrow(/config.json: not valid JSON/);
    const wider = { ...configJson, d_ff: 256 };
    await expect(loadForecaster(ort, { configJson: wider, weights })).rejects.toThrow(
      /model.safetensors: tensor "input_patch_embedding.hidden_layer.weight": shape \[128,48\], config.json implies \[256,48\]/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { runModelCase } from '../../../src/core/forecast/chronos2/golden-cases';
import { backends } from '../backends';
import { GOLDEN_THRESHOLD, modelCaseError } from '../../support/golden-metric';
import { cases, goldenModel } from './golden';

describe.each(backends)('Chronos-2 model forward vs the official implementation (golden model cases), %s backend', (backend) => {
  for (const c of cases.model_cases) {
    it(c.name, async () => {
      const { outputs } = await runModelCase(await goldenModel(backend), c);
      const scale: number[] = c.outputs.scale;
      expect(outputs.num_context_patches).toBe(c.outputs.num_context_patches);
      scale.forEach((s, b) => {
        expect(Math.abs(outputs.scale[b]! - s) / s).toBeLessThan(1e-6);
        // loc may differ by a float32 ULP of the summation order; relative to the scale it is negligible.
        expect(Math.abs(outputs.loc[b]! - c.outputs.loc[b]) / s).toBeLessThan(1e-6);
      });
      // Golden README metric: max |ours − golden| / (|golden| + scale_row).
      const metric = modelCaseError(outputs.quantile_preds, c.outputs.quantile_preds, scale);
      console.log(`${backend} model case ${c.name}: metric ${metric.toExponential(2)}`);
      expect(metric).toBeLessThan(GOLDEN_THRESHOLD);
    });
  }

  it('the debug case exposes the documented normalisation of a short context', async () => {
    // short_independent_1patch: T = 53 → N = ceil(53/16) = 4 patches, 11 values of left padding.
    const c = cases.model_cases.find((m: { name: string }) => m.name === 'short_independent_1patch');
    const { outputs } = await runModelCase(await goldenModel(backend), c);
    expect(outputs.num_context_patches).toBe(4);
    const row = (c.inputs.context[0] as (number | null)[]).filter((v): v is number => v !== null);
    const mean = row.reduce((a, b) => a + b, 0) / row.length;
    const std = Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / row.length); // population std
    expect(outputs.loc[0]).toBeCloseTo(mean, 3);
    expect(outputs.scale[0]! / std).toBeCloseTo(1, 5);
  });
});

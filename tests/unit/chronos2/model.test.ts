import { describe, expect, it } from 'vitest';
import { cases, f32Array, goldenModel } from './golden';

/** max |ours − golden| / (|golden| + scale_row) over a [B][Q][h] array (golden README metric). */
function modelMetric(ours: Float32Array, golden: number[][][], scale: number[]): number {
  let worst = 0, i = 0;
  golden.forEach((row, b) => row.forEach((q) => q.forEach((g) => {
    worst = Math.max(worst, Math.abs(ours[i++] - g) / (Math.abs(g) + scale[b]));
  })));
  return worst;
}

describe('Chronos-2 model forward vs the official implementation (golden model cases)', () => {
  for (const c of cases.model_cases) {
    it(c.name, async () => {
      const model = await goldenModel();
      const [B, T] = c.shapes.context;
      const F = c.inputs.future_covariates ? c.shapes.future_covariates[1] : 0;
      const out = await model.forward({
        context: f32Array(c.inputs.context.flat()),
        rows: B,
        length: T,
        groupIds: c.inputs.group_ids,
        futureCovariates: F ? f32Array(c.inputs.future_covariates.flat()) : undefined,
        futureLength: F,
        numOutputPatches: c.inputs.num_output_patches,
      });
      expect(out.numContextPatches).toBe(c.outputs.num_context_patches);
      for (let b = 0; b < B; b++) {
        // loc may differ by a float32 ULP of the summation order; relative to the scale it is negligible.
        expect(Math.abs(out.loc[b] - c.outputs.loc[b]) / c.outputs.scale[b]).toBeLessThan(1e-6);
        expect(Math.abs(out.scale[b] - c.outputs.scale[b]) / c.outputs.scale[b]).toBeLessThan(1e-6);
      }
      const metric = modelMetric(out.quantilePreds, c.outputs.quantile_preds, c.outputs.scale);
      console.log(`model case ${c.name}: metric ${metric.toExponential(2)}`);
      expect(metric).toBeLessThan(1e-4);
    });
  }
});

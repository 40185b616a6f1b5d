import { describe, expect, it } from 'vitest';
import { runPipelineCase } from '../../../src/core/forecast/chronos2/golden-cases';
import type { Chronos2Forward } from '../../../src/core/forecast/chronos2/model';
import { backends } from '../backends';
import { GOLDEN_THRESHOLD, pipelineError } from '../../support/golden-metric';
import { cases, goldenModel } from './golden';

/** Records the model calls the pipeline makes, in the golden `forward_calls` format. */
function recording(model: Chronos2Forward) {
  const calls: Record<string, unknown>[] = [];
  const recorder: Chronos2Forward = {
    config: model.config,
    forward: (input) => {
      const call: Record<string, unknown> = { batch: input.rows, context_len: input.length, num_output_patches: input.numOutputPatches, future_covariates_len: input.futureLength };
      if (input.rows <= 64) call.group_ids = Array.from(input.groupIds ?? []);
      calls.push(call);
      return model.forward(input);
    },
  };
  return { recorder, calls };
}

describe.each(backends)('Chronos-2 pipeline vs the official implementation (golden pipeline cases), %s backend', (backend) => {
  for (const c of cases.pipeline_cases) {
    it(c.name, async () => {
      const { recorder, calls } = recording(await goldenModel(backend));
      const { outputs } = await runPipelineCase(recorder, c);
      const metrics: number[] = [];
      if ('quantiles' in outputs) {
        outputs.quantiles.forEach((task, i) => metrics.push(pipelineError(task, c.outputs.quantiles[i])));
        outputs.mean.forEach((task, i) => metrics.push(pipelineError(task, c.outputs.mean[i])));
      } else {
        expect(outputs.predictions.length).toBe(c.outputs.predictions.length);
        outputs.predictions.forEach((task, i) => metrics.push(pipelineError(task, c.outputs.predictions[i])));
      }
      expect(calls).toEqual(c.forward_calls);
      console.log(`${backend} pipeline case ${c.name}: per-task metric ${metrics.map((m) => m.toExponential(2)).join(', ')}`);
      for (const m of metrics) expect(m).toBeLessThan(GOLDEN_THRESHOLD);
    });
  }
});

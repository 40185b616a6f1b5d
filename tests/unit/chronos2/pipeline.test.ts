import { describe, expect, it } from 'vitest';
import type { Chronos2Forward } from '../../../src/core/forecast/chronos2/model';
import { Chronos2Pipeline, type Chronos2Task } from '../../../src/core/forecast/chronos2/pipeline';
import { cases, goldenModel } from './golden';

interface GoldenTask {
  target: (number | null)[] | (number | null)[][];
  past_covariates?: Record<string, (number | null)[]>;
  future_covariates?: Record<string, (number | null)[]>;
}

const nan = (v: number | null) => (v === null ? NaN : v);
const toRow = (values: (number | null)[]) => Float32Array.from(values, nan);
const mapValues = (o: Record<string, (number | null)[]> | undefined) => o && Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toRow(v)]));

export function goldenTask(t: GoldenTask): Chronos2Task {
  const rows = Array.isArray(t.target[0]) ? (t.target as (number | null)[][]) : [t.target as (number | null)[]];
  return { target: rows.map(toRow), pastCovariates: mapValues(t.past_covariates), futureCovariates: mapValues(t.future_covariates) };
}

/** max |ours − golden| / (|golden| + mean|golden|) over one task (golden README pipeline metric). */
function taskMetric(ours: Float32Array, golden: number[]): number {
  const meanAbs = golden.reduce((s, g) => s + Math.abs(g), 0) / golden.length;
  let worst = 0;
  golden.forEach((g, i) => (worst = Math.max(worst, Math.abs(ours[i] - g) / (Math.abs(g) + meanAbs))));
  expect(ours.length).toBe(golden.length);
  return worst;
}

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

describe('Chronos-2 pipeline vs the official implementation (golden pipeline cases)', () => {
  for (const c of cases.pipeline_cases) {
    it(c.name, async () => {
      const { recorder, calls } = recording(await goldenModel());
      const pipeline = new Chronos2Pipeline(recorder);
      const tasks = (c.inputs as GoldenTask[]).map(goldenTask);
      const kw = c.predict_kwargs;
      const options = { predictionLength: c.prediction_length, crossLearning: kw.cross_learning, batchSize: kw.batch_size, contextLength: kw.context_length };
      const metrics: number[] = [];
      if (c.api.endsWith('predict_quantiles')) {
        const out = await pipeline.predictQuantiles(tasks, c.quantile_levels, options);
        out.forEach((task, i) => {
          metrics.push(taskMetric(task.quantiles, c.outputs.quantiles[i].flat(2)));
          metrics.push(taskMetric(task.mean, c.outputs.mean[i].flat()));
        });
      } else {
        const out = await pipeline.predict(tasks, options);
        expect(out.length).toBe(c.outputs.predictions.length);
        out.forEach((task, i) => metrics.push(taskMetric(task.quantiles, c.outputs.predictions[i].flat(2))));
      }
      expect(calls).toEqual(c.forward_calls);
      console.log(`pipeline case ${c.name}: per-task metric ${metrics.map((m) => m.toExponential(2)).join(', ')}`);
      for (const m of metrics) expect(m).toBeLessThan(1e-4);
    });
  }
});

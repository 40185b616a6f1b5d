import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoltConfig } from '../../../src/core/forecast/bolt/config';
import type { ChronosBoltModel } from '../../../src/core/forecast/bolt/model';
import { type BoltForward, ChronosBoltPipeline, stackLeftPadded } from '../../../src/core/forecast/bolt/pipeline';
import { recordingForward } from '../../../src/core/forecast/bolt/golden-cases';
import { torchQuantiles } from '../../../src/core/forecast/bolt/torch-quantile';
import { backends } from '../backends';
import { embeddingError, GOLDEN_THRESHOLD, pipelineError } from '../../support/golden-metric';
import { f32, fixtureDir, goldenBoltModel, loadCases, series } from './golden';

const cases = loadCases();
const config = parseBoltConfig(JSON.parse(readFileSync(fixtureDir + 'config.json', 'utf8')));

describe.each(backends)('ChronosBoltPipeline against the official pipeline (every pipeline case), %s backend', (backend) => {
  let model: ChronosBoltModel;
  beforeAll(async () => {
    model = await goldenBoltModel(backend);
  }, 120_000); // session creation can be slow when other jobs load the machine

  for (const c of cases.pipeline_cases) {
    it(`${c.name} (${c.api.split('.')[1]}, ${c.input_kind})`, async () => {
      const rec = recordingForward(model);
      const pipeline = new ChronosBoltPipeline(rec.model);
      const inputs = series(c.inputs);
      const options = c.prediction_length === null ? {} : { predictionLength: c.prediction_length };
      if (c.api.endsWith('.predict')) {
        const out = await pipeline.predict(inputs, options);
        const golden = f32(c.outputs.predictions!);
        const err = pipelineError(out.values, golden, out.predictionLength);
        console.log(`${backend} bolt pipeline ${c.name}: predictions ${err.toExponential(2)}`);
        expect(out.values.length).toBe(golden.length);
        expect(err).toBeLessThan(GOLDEN_THRESHOLD);
      } else {
        const levels = c.quantile_levels!;
        const out = await pipeline.predictQuantiles(inputs, levels, options);
        const errQ = pipelineError(out.quantiles, f32(c.outputs.quantiles!), levels.length);
        const errMean = pipelineError(out.mean, f32(c.outputs.mean!), out.predictionLength);
        console.log(`${backend} bolt pipeline ${c.name}: quantiles ${errQ.toExponential(2)}, mean ${errMean.toExponential(2)}`);
        expect(errQ).toBeLessThan(GOLDEN_THRESHOLD);
        expect(errMean).toBeLessThan(GOLDEN_THRESHOLD);
      }
      expect(rec.calls).toEqual(c.forward_calls);
    });
  }

  it('embed_list_2: encoder output after the final norm, loc and scale', async () => {
    const c = cases.embed_cases[0];
    const out = await new ChronosBoltPipeline(model).embed(series(c.inputs));
    const golden = f32(c.outputs.embeddings);
    const D = config.dModel;
    const err = embeddingError(out.embeddings, golden);
    console.log(`${backend} bolt embed ${c.name}: ${err.toExponential(2)}`);
    expect(out.embeddings.length).toBe(golden.length);
    expect(err).toBeLessThan(GOLDEN_THRESHOLD);
    c.outputs.loc.forEach((loc, b) => expect(Math.abs(out.loc[b] - loc)).toBeLessThan(1e-5 * (Math.abs(loc) + c.outputs.scale[b])));
    c.outputs.scale.forEach((s, b) => expect(Math.abs(out.scale[b] - s) / s).toBeLessThan(1e-5));
  });

  it('refuses horizons beyond H when limitPredictionLength is set', async () => {
    const pipeline = new ChronosBoltPipeline(model);
    await expect(pipeline.predict([Float32Array.from([1, 2, 3])], { predictionLength: 65, limitPredictionLength: true })).rejects.toThrow(
      /exceeds the model horizon 64/,
    );
  });
});

describe('pipeline helpers by hand', () => {
  it('stackLeftPadded left-pads shorter series with NaN', () => {
    const { context, batch, length } = stackLeftPadded([[1, 2, 3], [4]]);
    expect([batch, length]).toEqual([2, 3]);
    expect(Array.from(context)).toEqual([1, 2, 3, NaN, NaN, 4]);
  });

  it('torchQuantiles sorts and interpolates at rank = level·(n−1)', () => {
    const out = new Float32Array(4);
    // sorted: 1 2 3 4 5; ranks 0, 1, 2.5 (lerp of 3 and 4), 4
    torchQuantiles(Float32Array.from([5, 1, 4, 2, 3]), Float32Array.from([0, 0.25, 0.625, 1]), out);
    expect(Array.from(out)).toEqual([1, 2, 3.5, 5]);
    torchQuantiles(Float32Array.from([1, NaN, 2]), Float32Array.from([0.5]), out);
    expect(out[0]).toBeNaN();
  });

  it('the extension appends quantile j to path j and reduces 81 samples per step', async () => {
    // A fake model whose quantile q at every step is (last context value) + q: the sample set after the first
    // call is {last + j + q}; its torch.quantile at 0.1 (rank 8 of 81) is last + 1 + 0 (9 copies of j+q=0..1).
    const fake: BoltForward = {
      config: { ...config, predictionLength: 2, contextLength: 8, quantiles: config.quantiles },
      predict: async (context, batch, length) => {
        const Q = 9;
        const out = new Float32Array(batch * Q * 2);
        for (let b = 0; b < batch; b++) for (let q = 0; q < Q; q++) for (let t = 0; t < 2; t++) out[(b * Q + q) * 2 + t] = context[b * length + length - 1] + q;
        return out;
      },
      embed: () => Promise.reject(new Error('unused')),
    };
    const out = await new ChronosBoltPipeline(fake).predict([[0, 10]], { predictionLength: 3 });
    // first call: q at steps 0,1 = 10 + q; path j ends with 10 + j; second call: samples 10 + j + q (j, q in 0..8)
    const sorted = Array.from({ length: 81 }, (_, s) => 10 + Math.floor(s / 9) + (s % 9)).sort((a, b) => a - b);
    expect(out.values[0 * 3 + 0]).toBe(10); // q0.1 of the first call
    expect(out.values[0 * 3 + 2]).toBe(sorted[8]); // q0.1 of the reduced samples, step 3
    expect(out.values[8 * 3 + 2]).toBe(sorted[72]); // q0.9
  });
});

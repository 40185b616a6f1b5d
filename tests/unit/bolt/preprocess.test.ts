import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoltConfig } from '../../../src/core/forecast/bolt/config';
import { relativePositionBucket, relativePositionBucketMatrix } from '../../../src/core/forecast/bolt/position-buckets';
import { denormalize, instanceNorm, prepareEncoderInput } from '../../../src/core/forecast/bolt/preprocess';
import { f32, fixtureDir, loadCases } from './golden';

const config = parseBoltConfig(JSON.parse(readFileSync(fixtureDir + 'config.json', 'utf8')));
const cases = loadCases();

describe('relative position buckets', () => {
  it('match the official table for r = -200..200', () => {
    const { relative_positions, buckets } = cases.encoder_relative_position_buckets;
    expect(relative_positions.length).toBe(401);
    const mine = relative_positions.map((r) => relativePositionBucket(r, 32, 128));
    expect(mine).toEqual(buckets);
  });

  it('follow the closed form of BOLT-FACTS §4.2', () => {
    expect(relativePositionBucket(-3)).toBe(3);
    expect(relativePositionBucket(3)).toBe(19);
    expect(relativePositionBucket(100)).toBe(31);
    expect(relativePositionBucket(-100)).toBe(15);
    expect([7, 8, 11, 12, 15, 16, 22, 23, 31, 32, 45, 46, 63, 64, 90, 91].map((a) => relativePositionBucket(-a))).toEqual([
      7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15,
    ]);
  });

  it('matrix is indexed [query, key] with r = key - query', () => {
    const m = relativePositionBucketMatrix(3);
    expect(Array.from(m, Number)).toEqual([0, 17, 18, 1, 0, 17, 2, 1, 0]);
  });
});

describe('config', () => {
  it('reads the golden config D', () => {
    expect(config).toMatchObject({ dModel: 64, dKv: 16, numHeads: 4, dFF: 128, numEncoderLayers: 2, numDecoderLayers: 2 });
    expect(config).toMatchObject({ contextLength: 256, patchSize: 16, predictionLength: 64, relativeBuckets: 32, relativeMaxDistance: 128 });
    expect(config.quantiles).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  });

  it('rejects Chronos-2 configs and overlapping patches with a clear message', () => {
    expect(() => parseBoltConfig({ chronos_pipeline_class: 'Chronos2Pipeline' })).toThrow(/not a Chronos-Bolt config/);
    const raw = JSON.parse(readFileSync(fixtureDir + 'config.json', 'utf8'));
    raw.chronos_config.input_patch_stride = 8;
    expect(() => parseBoltConfig(raw, 'x/config.json')).toThrow(/x\/config.json: input_patch_stride 8 differs/);
  });
});

describe('instance norm and patching against every model case', () => {
  for (const c of cases.model_cases) {
    it(c.name, () => {
      const context = f32(c.inputs.context);
      const batch = c.inputs.context.length;
      const length = context.length / batch;
      const mask = c.inputs.mask ? f32(c.inputs.mask) : undefined;
      const input = prepareEncoderInput(config, context, batch, length, mask);
      expect(input.numPatches).toBe(c.outputs.num_patches);
      c.outputs.loc.forEach((loc, b) => {
        const scale = c.outputs.scale[b];
        expect(Math.abs(input.loc[b] - loc) / (Math.abs(loc) + scale)).toBeLessThan(1e-6);
        expect(Math.abs(input.scale[b] - scale) / scale).toBeLessThan(1e-6);
      });
      if (c.debug) {
        const golden = f32(c.debug.patch_embedding_input);
        expect(input.patches.length).toBe(golden.length);
        let worst = 0;
        golden.forEach((g, i) => (worst = Math.max(worst, Math.abs(input.patches[i] - g))));
        expect(worst).toBeLessThan(1e-5);
        expect(Array.from(input.attentionFlags)).toEqual(Array.from(f32(c.debug.encoder_attention_mask)));
      }
    });
  }
});

describe('instance norm by hand', () => {
  it('uses the population std, ignores NaN, and maps constant / empty rows to 1e-5 / (0, 1)', () => {
    const rows = Float32Array.from([1, NaN, 3, 5, 2, 2, 2, 2, NaN, NaN, NaN, NaN]);
    const { loc, scale } = instanceNorm(rows, 3, 4);
    expect(Array.from(loc)).toEqual([3, 2, 0]);
    expect(scale[0]).toBeCloseTo(Math.sqrt(8 / 3), 6);
    expect(scale[1]).toBe(Math.fround(1e-5));
    expect(scale[2]).toBe(1);
  });

  it('left-pads to whole patches and keeps only the last context_length values', () => {
    const tiny = { contextLength: 4, patchSize: 2 };
    const input = prepareEncoderInput(tiny, Float32Array.from([100, 1, 2, 3, NaN]), 1, 5);
    // kept [1, 2, 3, NaN]: loc 2, scale sqrt(2/3); patches [1,2 | 1,1], [3,NaN | 1,0]
    const s = Math.fround(Math.sqrt(2 / 3));
    expect(input.loc[0]).toBe(2);
    expect(input.numPatches).toBe(2);
    expect(Array.from(input.patches)).toEqual([Math.fround(-1 / s), 0, 1, 1, Math.fround(1 / s), 0, 1, 0]);
    const odd = prepareEncoderInput(tiny, Float32Array.from([5, NaN, 7]), 1, 3);
    expect(Array.from(odd.patches.subarray(0, 4))).toEqual([0, -1, 0, 1]); // padded position then 5
    expect(Array.from(odd.attentionFlags)).toEqual([1, 1, 1]);
  });

  it('de-normalises per row', () => {
    const y = denormalize(Float32Array.from([1, -1, 2, 0]), Float32Array.from([10, -5]), Float32Array.from([2, 3]));
    expect(Array.from(y)).toEqual([12, 8, 1, -5]);
  });
});

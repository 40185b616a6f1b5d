import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { parseChronos2Config } from '../../../src/core/forecast/chronos2/config';
import { runModelCase } from '../../../src/core/forecast/chronos2/golden-cases';
import { Chronos2Model, splitByGroups } from '../../../src/core/forecast/chronos2/model';
import { Chronos2Pipeline } from '../../../src/core/forecast/chronos2/pipeline';
import { instanceNormStats, prepareFeeds, ropeTables } from '../../../src/core/forecast/chronos2/preprocess';
import { FLOAT32_MIN } from '../../../src/core/onnx/graph-builder';
import { cases, configJson, fixturePath, goldenModel } from './golden';

const config = parseChronos2Config(configJson); // P = 16, time_encoding_scale = 256, d_kv = 16

describe('Chronos-2 preprocessing (hand-worked values)', () => {
  it('instance norm: mean and population std of the observed values; all-NaN → (0, 1); constant → scale 1e-5', () => {
    const { loc, scale } = instanceNormStats(Float32Array.from([1, 2, NaN, 3, NaN, NaN, NaN, NaN, 5, 5, 5, 5]), 3, 4);
    expect(loc[0]).toBe(2);
    expect(scale[0]).toBeCloseTo(Math.sqrt(2 / 3), 7);
    expect([loc[1], scale[1]]).toEqual([0, 1]);
    expect(loc[2]).toBe(5);
    expect(scale[2]).toBe(Math.fround(1e-5));
  });

  it('patches are right-aligned with left padding, time encodings end at -1/scale, masks and flags follow NaN', () => {
    // T = 20 → N = 2 patches, 12 padded positions; one row with a fully missing second patch.
    const context = new Float32Array(40).fill(1);
    context.fill(NaN, 24, 40); // row 1: positions 4..19 missing → its patch 1 is empty
    const { feeds, numContextPatches } = prepareFeeds(config, { context, rows: 2, length: 20, numOutputPatches: 1, groupIds: [7, 7] }, { loc: new Float32Array(2), scale: new Float32Array([1, 1]) });
    expect(numContextPatches).toBe(2);
    const patches = feeds.context_patches;
    expect(patches.dims).toEqual([2, 2, 48]);
    expect(patches.data[0]).toBeCloseTo(-32 / 256, 7); // first time encoding of row 0
    expect(patches.data[48 + 15]).toBeCloseTo(-1 / 256, 7); // last element of the last patch
    expect(Array.from(patches.data.subarray(32, 48))).toEqual([...Array(12).fill(0), 1, 1, 1, 1]); // mask of patch 0
    expect(patches.data[16 + 12]).toBeCloseTo(Math.asinh(1), 6); // value = asinh((1 − 0)/1)
    // S = 2 + [REG] + 1 future patch = 4; row 1's second patch is masked.
    expect(Array.from(feeds.time_attention_bias.data)).toEqual([0, 0, 0, 0, 0, FLOAT32_MIN, 0, 0].map(Math.fround));
    // group bias at position 1: row 0 may attend row 0 only (row 1 is unobserved there).
    const B = 2, group = feeds.group_attention_bias.data;
    expect(Array.from(group.subarray(1 * B * B, 2 * B * B))).toEqual([0, FLOAT32_MIN, 0, FLOAT32_MIN].map(Math.fround));
    expect(Array.from(group.subarray(0, B * B))).toEqual([0, 0, 0, 0]);
    // future patch: time 0..15 / 256, no covariates → value and mask 0
    const future = feeds.future_patches.data;
    expect(future[1]).toBeCloseTo(1 / 256, 7);
    expect(Array.from(future.subarray(16, 48)).every((v) => v === 0)).toBe(true);
  });

  it('RoPE tables: position 0 is the identity, rotate-half layout repeats the angles', () => {
    const { cos, sin } = ropeTables(3, 4, 10000);
    expect(Array.from(cos.subarray(0, 4))).toEqual([1, 1, 1, 1]);
    expect(Array.from(sin.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    // inv_freq = [1, 1/100] for d = 4: position 2 → angles [2, 0.02, 2, 0.02]
    expect(cos[8]).toBeCloseTo(Math.cos(2), 6);
    expect(sin[9]).toBeCloseTo(Math.sin(0.02), 6);
    expect(cos[10]).toBe(cos[8]);
  });

  it('splits a batch into runs of whole groups, in order of first appearance', () => {
    expect(splitByGroups([5, 2, 5, 2, 5], 2)).toEqual([[0, 2, 4], [1, 3]]);
    expect(splitByGroups([0, 1, 2, 3], 2)).toEqual([[0, 1], [2, 3]]);
    expect(splitByGroups([1, 1, 1], 64)).toEqual([[0, 1, 2]]);
  });

  it('running groups in separate session runs does not change the outputs', async () => {
    const weights = new Uint8Array(readFileSync(fixturePath('model.safetensors')));
    const small = await Chronos2Model.create(ort, { configJson, weights }, { maxRowsPerRun: 1 });
    const c = cases.model_cases.find((m: { name: string }) => m.name === 'multivariate_groups');
    const split = await runModelCase(small, c);
    const whole = await runModelCase(await goldenModel(), c);
    const a = (split.outputs.quantile_preds as number[][][]).flat(2);
    const b = (whole.outputs.quantile_preds as number[][][]).flat(2);
    a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(b[i]))));
    await small.release();
  });

  it('pipeline inputs are validated with the task and series named', async () => {
    const pipeline = new Chronos2Pipeline(await goldenModel());
    const target = [new Float32Array(30).fill(1)];
    await expect(pipeline.predict([{ target, futureCovariates: { promo: new Float32Array(8) } }], { predictionLength: 8 })).rejects.toThrow(
      /task 0: future covariate "promo" must also be given as a past covariate/,
    );
    await expect(pipeline.predict([{ target }, { target, pastCovariates: { volume: new Float32Array(29) } }], { predictionLength: 8 })).rejects.toThrow(
      /task 1: covariate "volume" has 29 values, expected 30 like the target/,
    );
    await expect(pipeline.predict([{ target }], { predictionLength: 0 })).rejects.toThrow(/prediction length must be a positive integer/);
  });
});

import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { chronos2TensorShapes } from '../../../src/core/forecast/chronos2/checkpoint-layout';
import { parseChronos2Config } from '../../../src/core/forecast/chronos2/config';
import { Chronos2Model } from '../../../src/core/forecast/chronos2/model';
import { readSafetensors, writeSafetensors, type FloatDtype } from '../../../src/core/onnx/safetensors';
import { runModelCase } from '../../../src/core/forecast/chronos2/golden-cases';
import { buildChronos2Graph } from '../../../src/core/forecast/chronos2/graph';
import { GraphBuilder } from '../../../src/core/onnx/graph-builder';
import { cases, configJson, fixturePath, goldenModel } from './golden';

const golden = readSafetensors(new Uint8Array(readFileSync(fixturePath('model.safetensors'))));

function recoded(dtype: FloatDtype) {
  return writeSafetensors(Object.fromEntries([...golden.entries.keys()].map((n) => [n, { data: golden.float32(n), shape: golden.shape(n), dtype }])));
}

describe('Chronos-2 checkpoint layout', () => {
  it('accepts a pre-exported .onnx with the same inputs/outputs and rejects one without them', async () => {
    const onnx = buildChronos2Graph(parseChronos2Config(configJson), golden).model; // weights inside the protobuf
    const fromOnnx = await Chronos2Model.create(ort, { configJson, onnx });
    const c = cases.model_cases[0];
    const a = (await runModelCase(fromOnnx, c)).outputs.quantile_preds;
    const b = (await runModelCase(await goldenModel(), c)).outputs.quantile_preds;
    expect(a).toEqual(b);
    await fromOnnx.release();
    const g = new GraphBuilder();
    g.output(g.relu(g.input('x', 'float32', [1])), 'y', 'float32', [1]);
    await expect(Chronos2Model.create(ort, { configJson, onnx: g.toBytes() })).rejects.toThrow(/must have inputs context_patches, .* missing context_patches/);
  });

  it('lists exactly the 40 tensors (names and shapes) of the official state_dict in the golden file', () => {
    const expected = chronos2TensorShapes(parseChronos2Config(configJson));
    expect(new Map(expected)).toEqual(new Map([...golden.entries].map(([n, e]) => [n, e.shape])));
    expect(expected).toHaveLength(40);
  });

  it.each(['BF16', 'F16'] as const)('%s checkpoints load and give the same forecast as float32 with the same rounded weights', async (dtype) => {
    const half = recoded(dtype);
    // The decoded half-precision values written back as float32: same numbers, other storage type.
    const decoded = readSafetensors(half);
    const asFloat32 = writeSafetensors(Object.fromEntries([...decoded.entries.keys()].map((n) => [n, { data: decoded.float32(n), shape: decoded.shape(n) }])));
    const input = { context: Float32Array.from({ length: 64 }, (_, i) => Math.sin(i / 3) * 10 + i), rows: 1, length: 64, numOutputPatches: 2 };
    const a = await Chronos2Model.create(ort, { configJson, weights: half });
    const b = await Chronos2Model.create(ort, { configJson, weights: asFloat32 });
    const outA = await a.forward(input);
    const outB = await b.forward(input);
    expect(Array.from(outA.quantilePreds)).toEqual(Array.from(outB.quantilePreds));
    // Rounding the weights does change the forecast a little (the check is not vacuous).
    const c = await Chronos2Model.create(ort, { configJson, weights: recoded('F32') });
    const full = await c.forward(input);
    const diff = Math.max(...full.quantilePreds.map((v, i) => Math.abs(v - outA.quantilePreds[i])));
    expect(diff).toBeGreaterThan(0);
    await Promise.all([a.release(), b.release(), c.release()]);
  });
});

import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { GraphBuilder } from '../../../src/core/onnx/graph-builder';
import { readSafetensors } from '../../../src/core/onnx/safetensors';
import { parseBoltConfig } from '../../../src/core/forecast/bolt/config';
import { buildBoltGraph } from '../../../src/core/forecast/bolt/graph';
import { loadBoltModel } from '../../../src/core/forecast/bolt/load';
import { loadForecaster } from '../../../src/core/forecast/model-loader';
import { GOLDEN_THRESHOLD, modelCaseError } from '../../support/golden-metric';
import { f32, fixtureDir, loadCases } from './golden';

const configJson = JSON.parse(readFileSync(fixtureDir + 'config.json', 'utf8')) as Record<string, unknown>;
const weights = new Uint8Array(readFileSync(fixtureDir + 'model.safetensors'));

describe('loading Chronos-Bolt from files', () => {
  it('a pre-built .onnx with the graph contract gives the golden output', async () => {
    ort.env.wasm.numThreads = 1;
    const onnx = buildBoltGraph(parseBoltConfig(configJson), readSafetensors(weights));
    const model = await loadBoltModel(ort, { configJson, onnx });
    const c = loadCases().model_cases[0];
    const context = f32(c.inputs.context);
    const out = await model.forward(context, c.inputs.context.length, context.length / c.inputs.context.length);
    expect(modelCaseError(out.quantilePreds, c.outputs.quantile_preds, c.outputs.scale)).toBeLessThan(GOLDEN_THRESHOLD);
    await model.dispose();
  });

  it('refuses a graph without the Bolt inputs, and a checkpoint whose tensors do not fit the config', async () => {
    const g = new GraphBuilder();
    g.output(g.relu(g.input('x', 'float32', [1])), 'y', 'float32', [1]);
    await expect(loadBoltModel(ort, { configJson, onnx: g.toBytes() })).rejects.toThrow(/lacks input\(s\) patches, attention_flags, position_buckets/);
    const wider = { ...configJson, d_model: 128 };
    await expect(loadBoltModel(ort, { configJson: wider, weights })).rejects.toThrow(/model.safetensors: tensor "shared.weight": shape \[2,64\], config.json implies \[2,128\]/);
  });

  it('loadForecaster dispatches a ChronosBoltPipeline config to the Bolt forecaster', async () => {
    const forecaster = await loadForecaster(ort, { configJson: JSON.stringify(configJson), weights }, { id: 'bolt-d' });
    expect(forecaster.info).toMatchObject({ id: 'bolt-d', kind: 'chronos-bolt', label: 'Chronos-Bolt (2 layers, d_model 64)' });
    await forecaster.dispose?.();
    await expect(loadForecaster(ort, { configJson })).rejects.toThrow(/Chronos-Bolt: give model.safetensors or a .onnx file/);
  });
});

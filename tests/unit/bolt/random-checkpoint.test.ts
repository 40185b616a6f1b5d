import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBoltConfig } from '../../../src/core/forecast/bolt/config';
import { readSafetensors } from '../../../src/core/onnx/safetensors';
import { ChronosBoltModel } from '../../../src/core/forecast/bolt/model';
import { boltTensorShapes, randomBoltCheckpoint } from '../../../models/recipes/bolt-random-checkpoint';

const recipe = (size: string) =>
  parseBoltConfig(JSON.parse(readFileSync(fileURLToPath(new URL(`../../../models/recipes/bolt-${size}.config.json`, import.meta.url)), 'utf8')));
const parameters = (size: string) => boltTensorShapes(recipe(size)).reduce((s, [, shape]) => s + shape.reduce((a, b) => a * b, 1), 0);

describe('random full-size Bolt checkpoints (bench models)', () => {
  it('have the published parameter counts (8.65M / 21.2M / 47.7M / 205M)', () => {
    expect(parameters('tiny')).toBe(8_652_672);
    expect(Math.round(parameters('mini') / 1e5) / 10).toBe(21.2);
    expect(Math.round(parameters('small') / 1e5) / 10).toBe(47.7);
    expect(Math.round(parameters('base') / 1e6)).toBe(205);
  });

  it('bolt-tiny is byte-for-byte the size of the real model.safetensors (34,622,352) and runs', async () => {
    const config = recipe('tiny');
    const bytes = randomBoltCheckpoint(config, 7);
    expect(bytes.length).toBe(34_622_352);
    ort.env.wasm.numThreads = 1;
    const model = await ChronosBoltModel.create(ort, config, readSafetensors(bytes));
    const context = Float32Array.from({ length: 2 * 300 }, (_, i) => 100 + Math.sin(i / 7) * 5);
    const out = await model.forward(context, 2, 300);
    expect(out.quantilePreds.length).toBe(2 * 9 * 64);
    expect(out.quantilePreds.every(Number.isFinite)).toBe(true);
    await model.dispose();
  });
});

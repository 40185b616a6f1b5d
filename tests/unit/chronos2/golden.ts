/** Loads the golden cases of ../shared/chronos2-golden (copied to tests/fixtures/chronos2). */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { Chronos2Model } from '../../../src/core/forecast/chronos2/model';

const dir = new URL('../../fixtures/chronos2/', import.meta.url);
export const fixturePath = (name: string) => new URL(name, dir).pathname;

/** JSON numbers as float32; null (NaN in the golden files) as NaN. */
export function f32Array(values: (number | null)[]): Float32Array {
  return Float32Array.from(values, (v) => (v === null ? NaN : v));
}

export const cases = JSON.parse(readFileSync(fixturePath('cases.json'), 'utf8'));
export const configJson = JSON.parse(readFileSync(fixturePath('config.json'), 'utf8'));

let model: Promise<Chronos2Model> | undefined;
/** One WASM session shared by every test in a file (building + session creation is the slow part). */
export function goldenModel(): Promise<Chronos2Model> {
  model ??= Chronos2Model.create(ort, { configJson, weights: new Uint8Array(readFileSync(fixturePath('model.safetensors'))) });
  return model;
}

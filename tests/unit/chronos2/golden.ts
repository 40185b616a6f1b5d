/** Loads the golden cases of ../shared/chronos2-golden (copied to tests/fixtures/chronos2). */
import { readFileSync } from 'node:fs';
import type { BackendName } from '../../../src/cli/onnx-runtime';
import { Chronos2Model } from '../../../src/core/forecast/chronos2/model';
import { runtimeFor } from '../backends';

const dir = new URL('../../fixtures/chronos2/', import.meta.url);
export const fixturePath = (name: string) => new URL(name, dir).pathname;

export const cases = JSON.parse(readFileSync(fixturePath('cases.json'), 'utf8'));
export const configJson = JSON.parse(readFileSync(fixturePath('config.json'), 'utf8'));

const models = new Map<BackendName, Promise<Chronos2Model>>();
/** One session per backend shared by every test in a file (building + session creation is the slow part). */
export function goldenModel(backend: BackendName = 'wasm'): Promise<Chronos2Model> {
  let model = models.get(backend);
  if (!model) {
    model = runtimeFor(backend).then(({ ort, executionProviders }) =>
      Chronos2Model.create(ort, { configJson, weights: new Uint8Array(readFileSync(fixturePath('model.safetensors'))) }, { executionProviders }));
    models.set(backend, model);
  }
  return model;
}

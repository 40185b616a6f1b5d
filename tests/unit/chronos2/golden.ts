/** Loads the golden cases of ../shared/chronos2-golden (copied to tests/fixtures/chronos2). */
import { readFileSync } from 'node:fs';
import type { BackendName } from '../../../src/cli/onnx-runtime';
import type { NestedNumbers } from '../../../src/core/forecast/chronos2/golden-cases';
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

type Nested = NestedNumbers;
const flat = (x: Nested): (number | null)[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);

/**
 * max |ours − golden| / (|golden| + denominator(golden values)) over two nested arrays of equal shape;
 * null (NaN) must match null.
 */
export function maxRelativeError(ours: Nested, golden: Nested, denominator: (values: number[]) => number): number {
  const a = flat(ours), g = flat(golden);
  if (a.length !== g.length) throw new Error(`shape mismatch: ${a.length} vs ${g.length} values`);
  const d = denominator(g.map((v) => v ?? 0));
  let worst = 0;
  g.forEach((gv, i) => {
    const av = a[i];
    if (gv === null || av === null) worst = gv === av ? worst : Infinity;
    else worst = Math.max(worst, Math.abs(av - gv) / (Math.abs(gv) + d));
  });
  return worst;
}

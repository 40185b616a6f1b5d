import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { loadForecaster, type Ort } from '../../../src/core/forecast/model-loader';
import { oneSessionAtATime } from '../../../workers/forecast/session-queue';

const fixtures = join(import.meta.dirname, '../../fixtures');
const files = (dir: string) => ({
  configJson: readFileSync(join(fixtures, dir, 'config.json'), 'utf8'),
  weights: new Uint8Array(readFileSync(join(fixtures, dir, 'model.safetensors'))),
});

/** The real ORT, counting how many session creations are under way at once. */
function countingOrt() {
  const counts = { active: 0, most: 0 };
  const create = async (...args: unknown[]) => {
    counts.active += 1;
    counts.most = Math.max(counts.most, counts.active);
    try {
      return await (ort.InferenceSession.create as (...a: unknown[]) => Promise<unknown>)(...args);
    } finally {
      counts.active -= 1;
    }
  };
  const runtime = { ...ort, InferenceSession: Object.create(ort.InferenceSession, { create: { value: create } }) } as Ort;
  return { runtime, counts };
}

/** What an evaluation of two models does: load them all at once. */
const loadTogether = (runtime: Ort) =>
  Promise.all([loadForecaster(runtime, files('chronos2')), loadForecaster(runtime, files('chronos-bolt')), loadForecaster(runtime, files('chronos2'))]);

// The browser failure itself (JSEP build, threads) is reproduced in tests/e2e/forecast-sessions.e2e.test.ts;
// Node's build creates sessions synchronously, so here we check the queue's contract on real sessions.
describe('oneSessionAtATime', () => {
  it('lets raw ORT creates overlap (the cause), and the queued ones never', async () => {
    const raw = countingOrt();
    (await loadTogether(raw.runtime)).forEach((f) => f.dispose?.());
    expect(raw.counts.most).toBeGreaterThan(1);

    const queued = countingOrt();
    const forecasters = await loadTogether(oneSessionAtATime(queued.runtime));
    expect(queued.counts.most).toBe(1);
    const target = Float64Array.from({ length: 64 }, (_, i) => 100 + Math.sin(i / 4));
    for (const forecaster of forecasters) {
      const [forecast] = await forecaster.forecast([{ target }], { horizon: 4 });
      expect(forecast.median.length).toBe(4);
      expect(forecast.median.every(Number.isFinite)).toBe(true);
      await forecaster.dispose?.();
    }
  });

  it('keeps the queue going after a failed create', async () => {
    const runtime = oneSessionAtATime(ort as Ort);
    await expect(runtime.InferenceSession.create(new Uint8Array([1, 2, 3]))).rejects.toThrow();
    await expect(loadForecaster(runtime, files('chronos-bolt'))).resolves.toBeDefined();
  });
});

describe('modelLoadFailure', () => {
  it("cuts onnxruntime's prefix to the reason and names the model and backend", async () => {
    const { modelLoadFailure } = await import('../../../workers/forecast/models');
    const raw = new Error("Can't create a session. ERROR_CODE: 1, ERROR_MESSAGE: Deserialize tensor w failed");
    expect(modelLoadFailure('Chronos-Bolt (tiny)', 'wasm', raw)).toBe(
      'The model "Chronos-Bolt (tiny)" could not be started on WASM: Deserialize tensor w failed. Try again; if it keeps failing, reload the page or delete and re-download the model.',
    );
  });
});

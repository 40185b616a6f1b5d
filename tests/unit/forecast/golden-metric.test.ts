/** The golden comparison of tests/support (used by every golden test), checked on values worked by hand. */
import { describe, expect, it } from 'vitest';
import { compareCaseOutputs, embeddingError, modelCaseError, pipelineError, relativeError, worstErrors } from '../../support/golden-metric';

describe('golden metric', () => {
  it('is max |a − g| / (|g| + offset); NaN (null) must match NaN', () => {
    expect(relativeError([[1, 2]], [[1, 4]], () => 1)).toBeCloseTo(2 / 5, 12);
    expect(relativeError([null, 3], [null, 3], () => 1)).toBe(0);
    expect(relativeError([1], [null], () => 1)).toBe(Infinity);
    expect(relativeError(Float32Array.of(NaN), [1], () => 1)).toBe(Infinity);
    expect(() => relativeError([1, 2], [1], () => 1)).toThrow(/shape mismatch: 2 values vs 1 golden/);
  });

  it('model cases use each row\'s scale', () => {
    // Row 0: |2.5 − 2| / (2 + 0.5) = 0.2; row 1: |11 − 10| / (10 + 10) = 0.05.
    expect(modelCaseError([[2.5, 1], [11, 10]], [[2, 1], [10, 10]], [0.5, 10])).toBeCloseTo(0.2, 12);
    expect(modelCaseError([[2, 1], [11, 10]], [[2, 1], [10, 10]], [0.5, 10])).toBeCloseTo(0.05, 12);
  });

  it('pipeline outputs use the mean |golden| of each group (missing values count as 0 over the group length)', () => {
    // Group [4, -4]: mean |g| = 4, error |5 − 4| / (4 + 4) = 0.125. Group [null, 2]: mean |g| = 1, |3 − 2| / (2 + 1).
    expect(pipelineError([5, -4, null, 2], [4, -4, null, 2], 2)).toBeCloseTo(0.125, 12);
    expect(pipelineError([4, -4, null, 3], [4, -4, null, 2], 2)).toBeCloseTo(1 / 3, 12);
    // One group: mean |g| = (4 + 4 + 0 + 2) / 4 = 2.5, so |3 − 2| / (2 + 2.5).
    expect(pipelineError([4, -4, null, 3], [4, -4, null, 2])).toBeCloseTo(1 / 4.5, 12);
    expect(embeddingError([0.5], [0])).toBe(0.5);
  });

  it('compares a whole run with its golden file, and a Bolt case with other model calls fails', () => {
    const golden = {
      model_cases: [{ name: 'm', outputs: { quantile_preds: [[[1, 2]]], scale: [1] } }],
      embed_cases: [{ name: 'e', outputs: { embeddings: [[0, 1]] } }],
      pipeline_cases: [{ name: 'p', api: 'ChronosBoltPipeline.predict', outputs: { predictions: [[[2, 4], [6, 8]]], shapes: [1] }, forward_calls: [{ batch: 1, context_len: 8 }] }],
    };
    const ours = structuredClone(golden);
    ours.model_cases[0].outputs.quantile_preds = [[[1.5, 2]]]; // 0.5 / (1 + 1)
    ours.pipeline_cases[0].outputs.predictions = [[[2, 4], [6, 9]]]; // row [6, 8]: 1 / (8 + 7)
    const errors = compareCaseOutputs(golden, ours);
    expect(errors.map((e) => [e.name, e.kind])).toEqual([['m', 'model'], ['e', 'model'], ['p', 'pipeline']]);
    expect(errors[0].error).toBeCloseTo(0.25, 12);
    expect(errors[1].error).toBe(0);
    expect(errors[2].error).toBeCloseTo(1 / 15, 12);
    expect(worstErrors(errors)).toEqual({ model: errors[0].error, pipeline: errors[2].error });
    ours.pipeline_cases[0].forward_calls = [];
    expect(compareCaseOutputs(golden, ours)[2].error).toBe(Infinity);
    expect(() => compareCaseOutputs(golden, { ...ours, model_cases: [] })).toThrow(/case 0 should be "m"/);
  });
});

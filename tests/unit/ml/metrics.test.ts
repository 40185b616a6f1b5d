import { describe, expect, it } from 'vitest';
import { auc as aucOf, calibration, classScores, confusionAt, mlSignal, mlSignals, rocCurve as rocOf } from '../../../src/core/ml';

const auc = (s: Float64Array, l: Uint8Array, rows: ArrayLike<number>) => aucOf(classScores(s, l, rows));
const rocCurve = (s: Float64Array, l: Uint8Array, rows: ArrayLike<number>) => rocOf(classScores(s, l, rows));

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('auc (Mann-Whitney with ties)', () => {
  it('counts every positive/negative pair, ties as one half (hand-worked)', () => {
    // positives score 0.8, 0.5; negatives 0.5, 0.2, 0.1 -> pairs won: 3 + (0.5 + 2) = 5.5 of 6
    const scores = Float64Array.from([0.8, 0.5, 0.5, 0.2, 0.1]);
    const labels = Uint8Array.from([1, 1, 0, 0, 0]);
    expect(auc(scores, labels, all(5))).toBeCloseTo(5.5 / 6, 14);
  });
  it('is 0.5 for constant scores and NaN without both classes', () => {
    expect(auc(new Float64Array(4).fill(0.3), Uint8Array.from([1, 0, 1, 0]), all(4))).toBe(0.5);
    expect(auc(Float64Array.from([0.1, 0.2]), Uint8Array.from([1, 1]), all(2))).toBeNaN();
  });
  it('uses only the chosen rows', () => {
    const scores = Float64Array.from([0.9, 0.1, 0.2, 0.8]);
    const labels = Uint8Array.from([1, 0, 1, 0]);
    expect(auc(scores, labels, [2, 3])).toBe(0);
    expect(auc(scores, labels, [0, 1])).toBe(1);
  });
});

describe('rocCurve', () => {
  it('steps once per distinct score from (0,0) to (1,1)', () => {
    const scores = Float64Array.from([0.8, 0.5, 0.5, 0.2]);
    const labels = Uint8Array.from([1, 1, 0, 0]);
    expect(rocCurve(scores, labels, all(4))).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
  });
});

describe('confusionAt and calibration', () => {
  const probabilities = Float64Array.from([0.9, 0.7, 0.65, 0.3, 0.1]);
  const labels = Uint8Array.from([1, 0, 1, 0, 1]);
  it('predicts positive strictly above the threshold (hand-worked)', () => {
    const c = confusionAt(probabilities, labels, all(5), 0.65);
    expect(c).toMatchObject({ truePositive: 1, falsePositive: 1, trueNegative: 1, falseNegative: 2 });
    expect(c.accuracy).toBe(2 / 5);
    expect(c.precision).toBe(1 / 2);
    expect(c.recall).toBe(1 / 3);
    expect(c.baseRate).toBe(3 / 5);
  });
  it('reliability bins hold mean prediction and observed rate', () => {
    const bins = calibration(probabilities, labels, all(5), 2);
    expect(bins).toEqual([
      { from: 0, to: 0.5, count: 2, meanPredicted: 0.2, observedRate: 0.5 },
      { from: 0.5, to: 1, count: 3, meanPredicted: (0.9 + 0.7 + 0.65) / 3, observedRate: 2 / 3 },
    ]);
  });
});

describe('ML signal rule', () => {
  it('buys/sells only above the confidence and above the other side', () => {
    expect(mlSignal(0.7, 0.2, 0.65)).toBe(1);
    expect(mlSignal(0.7, 0.8, 0.65)).toBe(-1);
    expect(mlSignal(0.65, 0.1, 0.65)).toBe(0);
    expect(mlSignal(0.9, 0.9, 0.65)).toBe(0);
    expect(mlSignal(NaN, 0.9, 0.65)).toBe(0); // warm-up: no signal while a probability is unknown
    expect(Array.from(mlSignals(Float64Array.from([0.7, 0.1]), Float64Array.from([0.1, 0.7]), 0.6))).toEqual([1, -1]);
  });
});

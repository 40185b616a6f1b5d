import { describe, expect, it } from 'vitest';
import { classWeightsFor, fitLogistic, groupRows, logisticObjective } from '../../../src/core/ml';
import { reference } from './sp500';

const { x: rowsX, y: labels, fits } = reference.synthetic;
const p = 3;
const x = Float64Array.from(rowsX.flat());
const y = Uint8Array.from(labels);
const allRows = Int32Array.from(y, (_, i) => i);

describe('fitLogistic (continuous features, scipy reference)', () => {
  for (const fit of fits) {
    it(`C=${fit.C}, class weight ${fit.classWeight}: coefficients within 1e-8 of the scipy optimum`, () => {
      const [problem] = groupRows(x, p, allRows, [y], [classWeightsFor(y, allRows, fit.classWeight)]);
      expect(problem.rows).toBe(300); // continuous rows are all distinct
      const result = fitLogistic(problem, fit.C);
      result.weights.forEach((w, j) => expect(Math.abs(w - fit.weights[j])).toBeLessThan(1e-8));
      expect(Math.abs(result.intercept - fit.intercept)).toBeLessThan(1e-8);
      expect(result.objective).toBeCloseTo(fit.objective, 8);
    });
  }
});

describe('groupRows', () => {
  it('merging identical 0/1 rows leaves the objective and the optimum unchanged', () => {
    const n = 500;
    const bx = new Float64Array(n * 2);
    const by = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      bx[2 * i] = i % 2;
      bx[2 * i + 1] = i % 3 === 0 ? 1 : 0;
      by[i] = (i * 7919) % 11 < 4 + bx[2 * i] * 3 ? 1 : 0;
    }
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const [grouped] = groupRows(bx, 2, rows, [by], [[1, 1]]);
    expect(grouped.rows).toBe(4);
    const ungrouped = { x: bx, rows: n, p: 2, positive: Float64Array.from(by), negative: Float64Array.from(by, (v) => 1 - v) };
    const a = fitLogistic(grouped, 1);
    const b = fitLogistic(ungrouped, 1);
    expect(Math.abs(a.weights[0] - b.weights[0]) + Math.abs(a.weights[1] - b.weights[1]) + Math.abs(a.intercept - b.intercept)).toBeLessThan(1e-10);
    expect(logisticObjective(grouped, a.weights, a.intercept, 1)).toBeCloseTo(logisticObjective(ungrouped, a.weights, a.intercept, 1), 9);
  });
  it("balanced weights are scikit-learn's n / (2 n_class)", () => {
    const labels01 = Uint8Array.from([1, 0, 0, 0]);
    expect(classWeightsFor(labels01, [0, 1, 2, 3], 'balanced')).toEqual([4 / 6, 4 / 2]);
    expect(classWeightsFor(labels01, [0, 1, 2, 3], 'none')).toEqual([1, 1]);
  });
});

describe('fitLogistic edge cases', () => {
  it('refuses a target with a single class, saying so', () => {
    const problem = { x: Float64Array.from([0, 1]), rows: 2, p: 1, positive: Float64Array.from([0, 0]), negative: Float64Array.from([1, 1]) };
    expect(() => fitLogistic(problem, 1)).toThrow(/needs both classes/);
  });
  it('perfectly separable data stays finite thanks to the L2 penalty', () => {
    const problem = { x: Float64Array.from([0, 1]), rows: 2, p: 1, positive: Float64Array.from([0, 5]), negative: Float64Array.from([5, 0]) };
    const fit = fitLogistic(problem, 1);
    expect(Number.isFinite(fit.weights[0])).toBe(true);
    // stationarity by hand: d/dw = 5*(sigmoid(w+b) - 1) + w = 0 and d/db = 5*sigmoid(b) + 5*(sigmoid(w+b) - 1) = 0
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const w = fit.weights[0];
    const b = fit.intercept;
    expect(5 * (s(w + b) - 1) + w).toBeCloseTo(0, 10);
    expect(5 * s(b) + 5 * (s(w + b) - 1)).toBeCloseTo(0, 10);
  });
});

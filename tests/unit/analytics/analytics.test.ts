import { describe, expect, it } from 'vitest';
import { histogram, normalisedComparison, riskProfile, rollingReturn, type ValueCurve } from '../../../src/core/analytics';

const days = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `2024-01-${String(from + i).padStart(2, '0')}`);
const curve = (name: string, dates: string[], values: number[]): ValueCurve => ({ name, dates, values: Float64Array.from(values) });

describe('analytics', () => {
  it('computes window returns aligned with the daily returns', () => {
    const r = rollingReturn(Float64Array.from([100, 110, 121, 133.1]), 2);
    expect(Number.isNaN(r[0])).toBe(true);
    expect(r[1]).toBeCloseTo(0.21, 12);
    expect(r[2]).toBeCloseTo(0.21, 12);
  });

  it('bins returns into equal-width buckets including the maximum', () => {
    const h = histogram([0, 1, 2, 3, 4, Number.NaN], 2);
    expect([...h.edges]).toEqual([0, 2, 4]);
    expect([...h.counts]).toEqual([2, 3]);
  });

  it('rebases curves to 100 at their common start', () => {
    const c = normalisedComparison([curve('A', days(3), [10, 20, 30]), curve('B', days(2, 2), [5, 10])]);
    expect(c.start).toBe('2024-01-02');
    expect([...c.curves[0].normalised]).toEqual([100, 150]);
    expect([...c.curves[1].normalised]).toEqual([100, 200]);
  });

  it('reports historical VaR/CVaR by the numpy-quantile definition', () => {
    // returns -5%, -2%, +1%, +3%, +4%: q(5%) at position 0.2 = -0.05 + 0.2 * 0.03 = -0.044
    const values = [100];
    for (const r of [-0.05, -0.02, 0.01, 0.03, 0.04]) values.push(values.at(-1)! * (1 + r));
    const p = riskProfile(curve('X', days(6), values), 2);
    expect(p.var95).toBeCloseTo(0.044, 12);
    expect(p.cvar95).toBeCloseTo(0.05, 12); // only -5% is at or below the VaR cut-off
    expect(p.var99).toBeCloseTo(0.05 - 0.04 * 0.03, 12); // position 0.04
    expect(p.observations).toBe(5);
  });

  it('dates the worst drawdowns and measures beta only where the benchmark has data', () => {
    const dates = days(8);
    const values = [100, 120, 90, 130, 110, 121, 99, 140];
    const p = riskProfile(curve('X', dates, values), 3, curve('B', dates.slice(2), values.slice(2).map((v) => v * 2)));
    expect(p.drawdowns[0]).toEqual({ peakDate: '2024-01-02', troughDate: '2024-01-03', recoveryDate: '2024-01-04', depth: 90 / 120 - 1, lengthBars: 2 });
    expect(p.drawdowns[1].depth).toBeCloseTo(99 / 130 - 1, 12);
    // Benchmark returns exist from the 4th date on; a 3-return window first fits at return index 4.
    expect([...p.rollingBeta.subarray(0, 4)].every(Number.isNaN)).toBe(true);
    for (const b of p.rollingBeta.subarray(4)) expect(b).toBeCloseTo(1, 12);
  });
});

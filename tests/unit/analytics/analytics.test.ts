import { describe, expect, it } from 'vitest';
import { alignCurves, analyseCurves, histogram, normalisedComparison, riskProfile, rollingReturn, type ValueCurve } from '../../../src/core/analytics';

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
    const c = normalisedComparison(alignCurves([curve('A', days(3), [10, 20, 30]), curve('B', days(2, 2), [5, 10])]));
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

/** Month-end dates from January 2000, as a monthly file has them. */
const monthEnds = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2000, i + 1, 0)).toISOString().slice(0, 10));
/** Weekdays from 2000-01-03. */
const weekdays = (n: number) => {
  const out: string[] = [];
  for (let d = Date.UTC(2000, 0, 3); out.length < n; d += 86_400_000) if (![0, 6].includes(new Date(d).getUTCDay())) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
};

describe('mixed frequencies (issue 12, defect 8)', () => {
  // A monthly series that grows 5% a month: a 63-bar window would span 63 months (+2,000%).
  const monthly = curve('AAPL', monthEnds(120), Array.from({ length: 120 }, (_, i) => 100 * 1.05 ** i));
  const daily = curve('SPX', weekdays(2600), Array.from({ length: 2600 }, (_, i) => 100 + i * 0.1));

  it('windows, annualisation and VaR follow each series\' own frequency', () => {
    const [m, d] = analyseCurves([monthly, daily], 3).profiles;
    expect(m.frequency).toMatchObject({ frequency: 'monthly', periodsPerYear: 12, period: 'month' });
    expect([m.window, m.windowLabel]).toEqual([3, '3-month']);
    expect([d.window, d.windowLabel]).toEqual([63, '63-day']);
    // Three months of 5% growth, not sixty-three.
    expect(m.rollingReturn[m.rollingReturn.length - 1]).toBeCloseTo(1.05 ** 3 - 1, 12);
    // Constant 5% monthly returns: no volatility; VaR is a monthly horizon (a gain, so negative loss).
    expect(m.var95).toBeCloseTo(-0.05, 12);
  });

  it('compares on common dates (the monthly calendar), and says which series were left out', () => {
    const early = curve('OLD', ['1990-01-02', '1990-01-03', '1990-01-04'], [1, 2, 3]);
    const result = analyseCurves([monthly, daily, early], 3);
    expect(result.leftOut).toEqual([{ name: 'OLD', reason: expect.stringMatching(/do not overlap/) }]);
    const { comparison } = result;
    expect(comparison.curves.map((c) => c.name)).toEqual(['AAPL', 'SPX']);
    expect(comparison.start).toBe('2000-01-31');
    expect(comparison.curves[1].dates).toEqual(comparison.curves[0].dates);
    // The month ends both cover: 2000-01-31 .. 2009-12-31 (SPX's 2600 weekdays end in 2009-12).
    expect(comparison.curves[0].dates).toEqual(monthly.dates.filter((d) => d <= daily.dates[daily.dates.length - 1]));
    // SPX as of 2000-02-29 (its 42nd weekday: 100 + 41 * 0.1), rebased to 100 at 2000-01-31 (21st weekday: 102).
    expect(comparison.curves[1].normalised[1]).toBeCloseTo((104.1 / 102) * 100, 9);
    expect(result.correlation.symbols).toEqual(['AAPL', 'SPX']);
  });

  it('two series with the same name both stay, under distinct names (defect 1)', () => {
    const { profiles, comparison } = analyseCurves([curve('Run: SMA', days(5), [1, 2, 3, 4, 5]), curve('Run: SMA', days(5), [5, 4, 3, 2, 1])], 1);
    expect(profiles.map((p) => p.name)).toEqual(['Run: SMA', 'Run: SMA (2)']);
    expect(comparison.curves.map((c) => c.name)).toEqual(['Run: SMA', 'Run: SMA (2)']);
  });
});

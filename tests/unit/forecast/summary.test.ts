import { describe, expect, it } from 'vitest';
import { summarizeForecast, directionalConfidence } from '../../../src/core/forecast/summary';

describe('summarizeForecast', () => {
  it('reads median, intervals, expected return and confidence from Bolt-like levels (hand-worked)', () => {
    // levels 0.1/0.5/0.9, horizon 2, rows are levels
    const f = summarizeForecast({
      levels: [0.1, 0.5, 0.9],
      quantiles: Float64Array.from([90, 80, 100, 104, 110, 120]),
      horizon: 2,
      lastPrice: 100,
    });
    expect([...f.median]).toEqual([100, 104]);
    expect(f.expectedReturn).toBeCloseTo(0.04, 12);
    expect([...f.interval80!.lower]).toEqual([90, 80]);
    expect([...f.interval80!.upper]).toEqual([110, 120]);
    expect(f.interval80!.held).toBeUndefined();
    // 0.025/0.975 lie outside 0.1..0.9: held at the extreme levels and marked
    expect([...f.interval95!.lower]).toEqual([90, 80]);
    expect([...f.interval95!.upper]).toEqual([110, 120]);
    expect(f.interval95!.held).toBe(true);
    // up move; CDF at 100 between (80, 0.1) and (104, 0.5): 0.1 + 20/24 * 0.4 = 0.43333; conf = 0.56667
    expect(f.confidence).toBeCloseTo(1 - (0.1 + (20 / 24) * 0.4), 12);
  });

  it('interpolates the 95% bounds between Chronos-2 levels and measures a down move (hand-worked)', () => {
    const f = summarizeForecast({
      levels: [0.01, 0.05, 0.1, 0.5, 0.9, 0.95, 0.99],
      quantiles: Float64Array.from([70, 80, 85, 95, 105, 110, 130]),
      horizon: 1,
      lastPrice: 100,
    });
    expect(f.median[0]).toBe(95);
    expect(f.expectedReturn).toBeCloseTo(-0.05, 12);
    // 0.025 = 0.01 + 0.375 * 0.04 -> 70 + 0.375 * 10; 0.975 = 0.95 + 0.625 * 0.04 -> 110 + 0.625 * 20
    expect(f.interval95!.lower[0]).toBeCloseTo(73.75, 12);
    expect(f.interval95!.upper[0]).toBeCloseTo(122.5, 12);
    expect(f.interval95!.held).toBeUndefined();
    expect(f.interval80!.lower[0]).toBeCloseTo(85, 12);
    // P(X < 100) between (95, 0.5) and (105, 0.9): 0.5 + 0.5 * 0.4 = 0.7
    expect(f.confidence).toBeCloseTo(0.7, 12);
  });

  it('interpolates the median when 0.5 is not a level', () => {
    const f = summarizeForecast({ levels: [0.1, 0.4, 0.6, 0.9], quantiles: Float64Array.from([90, 96, 102, 110]), horizon: 1, lastPrice: 100 });
    expect(f.median[0]).toBeCloseTo(99, 12);
    expect(f.expectedReturn).toBeCloseTo(-0.01, 12);
    // P(X < 100) between (96, 0.4) and (102, 0.6): 0.4 + 4/6 * 0.2
    expect(f.confidence).toBeCloseTo(0.4 + (4 / 6) * 0.2, 12);
  });

  it('uses the horizon end, not the first step, for return and confidence', () => {
    const f = summarizeForecast({ levels: [0.1, 0.5, 0.9], quantiles: Float64Array.from([50, 101, 60, 102, 70, 103]), horizon: 2, lastPrice: 100 });
    expect(f.expectedReturn).toBeCloseTo(0.02, 12);
    // every quantile at the end is above 100: the CDF is clamped at the lowest level -> 1 - 0.1
    expect(f.confidence).toBeCloseTo(0.9, 12);
  });
});

describe('directionalConfidence', () => {
  const levels = [0.1, 0.3, 0.5, 0.7, 0.9];
  it('is 0.5 when the median equals the last price', () => {
    expect(directionalConfidence(levels, [98, 99, 100, 101, 102], 100, 100)).toBe(0.5);
  });
  it('counts ties at the last price against the predicted direction', () => {
    // up: P(X > 100) with two levels at exactly 100 -> 1 - 0.3
    expect(directionalConfidence(levels, [100, 100, 101, 102, 103], 100, 101)).toBeCloseTo(0.7, 12);
    // down: P(X < 100) with 100 at levels 0.7 and 0.9 -> the CDF reaches 100 at level 0.7 (the lower tie)
    expect(directionalConfidence(levels, [97, 98, 99, 100, 100], 100, 99)).toBeCloseTo(0.7, 12);
  });
  it('clamps at the highest level when every quantile is below the last price', () => {
    expect(directionalConfidence(levels, [90, 91, 92, 93, 94], 100, 92)).toBeCloseTo(0.9, 12);
  });
  it('sorts crossed quantiles before reading the CDF', () => {
    // values at levels 0.1..0.9 given crossed; sorted: 96, 98, 102, 104, 106 -> P(X <= 100) = 0.3 + 0.5 * 0.2
    expect(directionalConfidence(levels, [98, 96, 102, 106, 104], 100, 102)).toBeCloseTo(1 - 0.4, 12);
  });
});

describe('summarizeForecast input checks', () => {
  it('returns NaN expected return for a non-positive last price', () => {
    const f = summarizeForecast({ levels: [0.5], quantiles: Float64Array.from([1]), horizon: 1, lastPrice: 0 });
    expect(f.expectedReturn).toBeNaN();
  });
  it('rejects a quantile array of the wrong size and unsorted levels', () => {
    expect(() => summarizeForecast({ levels: [0.1, 0.9], quantiles: new Float64Array(3), horizon: 2, lastPrice: 1 })).toThrow(/expected levels \(2\) x horizon \(2\) = 4/);
    expect(() => summarizeForecast({ levels: [0.9, 0.1], quantiles: new Float64Array(2), horizon: 1, lastPrice: 1 })).toThrow(/ascending/);
    expect(() => summarizeForecast({ levels: [0, 0.5], quantiles: new Float64Array(2), horizon: 1, lastPrice: 1 })).toThrow(/in \(0, 1\)/);
  });
});

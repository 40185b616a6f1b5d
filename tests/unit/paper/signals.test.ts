import { describe, expect, it } from 'vitest';
import { forecastAction, kellyWeight, mlAction, payoffRatioFromInterval, sharesToTarget, defaultSizingRules } from '../../../src/core/paper';

describe("today's signal rules", () => {
  it('applies the forecast rule of DESIGN.md (|ER| >= 2% and confidence >= 0.5)', () => {
    expect(forecastAction(0.03, 0.6)).toBe('buy');
    expect(forecastAction(0.02, 0.5)).toBe('buy');
    expect(forecastAction(0.03, 0.49)).toBe('hold');
    expect(forecastAction(-0.02, 0.5)).toBe('sell');
    expect(forecastAction(0.019, 0.9)).toBe('hold');
    expect(forecastAction(Number.NaN, 0.9)).toBe('hold');
  });

  it('applies the ML rule (probability above the threshold and above the other side)', () => {
    expect(mlAction(0.7, 0.2, 0.65)).toBe('buy');
    expect(mlAction(0.2, 0.7, 0.65)).toBe('sell');
    expect(mlAction(0.6, 0.1, 0.65)).toBe('hold');
  });

  it('sizes by quarter Kelly with the position and risk caps', () => {
    // f* = 0.6 - 0.4/1.5 = 1/3 -> quarter Kelly 1/12
    expect(kellyWeight(0.6, 1.5)).toBeCloseTo(1 / 12, 12);
    // f* = 0.9 - 0.1/3 = 0.8667 -> 0.21667, under both caps (0.25 and 0.02/0.08 = 0.25)
    expect(kellyWeight(0.9, 3)).toBeCloseTo(0.25 * (0.9 - 0.1 / 3), 12);
    // a 10% stop caps the weight at 0.02 / 0.1 = 0.2
    expect(kellyWeight(0.9, 3, { ...defaultSizingRules, stopDistance: 0.1 })).toBeCloseTo(0.2, 12);
    // full Kelly (0.8667) is capped by the 25% position limit
    expect(kellyWeight(0.9, 3, { ...defaultSizingRules, kellyFraction: 1 })).toBeCloseTo(0.25, 12);
    expect(kellyWeight(0.4, 1)).toBe(0);
    expect(kellyWeight(0.7, Number.NaN)).toBe(0);
  });

  it('reads the payoff ratio from the 80% interval', () => {
    expect(payoffRatioFromInterval(100, 95, 110)).toBeCloseTo(2, 12);
    expect(Number.isNaN(payoffRatioFromInterval(100, 101, 110))).toBe(true);
  });

  it('buys whole shares up to the target weight, limited by cash', () => {
    expect(sharesToTarget(0.1, 10_000, 0, 10_000, 99, 0.001)).toBe(10); // 1000 / 99
    expect(sharesToTarget(0.1, 10_000, 600, 10_000, 99, 0.001)).toBe(4); // 400 / 99
    expect(sharesToTarget(0.5, 10_000, 0, 300, 99, 0.001)).toBe(3); // 300 / 1.001 / 99
    expect(sharesToTarget(0.1, 10_000, 2000, 10_000, 99, 0.001)).toBe(0);
  });
});

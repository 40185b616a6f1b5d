import { describe, expect, it } from 'vitest';
import { forecastSignal, mlSignalFor, sharesToTarget } from '../../../src/core/paper';
import { forecastStrategyDefaults } from '../../../src/core/strategy/forecast';
import type { Forecast } from '../../../src/core/forecast/types';

/** A one-step forecast with quantiles 10/50/90% at 95/103/110 from a last price of 100. */
function forecast(expectedReturn: number, confidence: number, q = [95, 103, 110]): Forecast {
  const quantiles = Float64Array.from(q);
  return { levels: [0.1, 0.5, 0.9], quantiles, horizon: 1, median: quantiles.subarray(1, 2), expectedReturn, confidence };
}

describe("today's signals", () => {
  it('buys on a strong forecast, sized by quarter Kelly from the 10/90% exits', () => {
    const s = forecastSignal('AAA', '2024-05-01', 100, forecast(0.03, 0.7), forecastStrategyDefaults);
    expect(s.action).toBe('buy');
    expect(s.stopLoss).toBe(95);
    expect(s.takeProfit).toBe(110);
    // payoff b = 10 / 5 = 2; f* = 0.7 - 0.3 / 2 = 0.55; quarter Kelly 0.1375 (< 25% cap, < 2% / 5% = 40%)
    expect(s.kellyWeight).toBeCloseTo(0.1375, 12);
    expect(s.probabilityUp).toBe(0.7);
    expect(s.reason).toMatch(/expected return 3\.00%.*confidence 70%.*Kelly weight 13\.[78]%/);
  });

  it('holds below the thresholds and sells on a strong down forecast', () => {
    expect(forecastSignal('AAA', 'd', 100, forecast(0.03, 0.45), forecastStrategyDefaults).action).toBe('hold');
    expect(forecastSignal('AAA', 'd', 100, forecast(0.015, 0.9), forecastStrategyDefaults).action).toBe('hold');
    const sell = forecastSignal('AAA', 'd', 100, forecast(-0.04, 0.8, [90, 96, 101]), forecastStrategyDefaults);
    expect(sell.action).toBe('sell');
    expect(sell.kellyWeight).toBe(0);
    expect(sell.probabilityUp).toBeCloseTo(0.2, 12);
  });

  it('applies the ML rule and sizes ML buys by Kelly on the target payoff', () => {
    // b = 0.02 / 0.03, stop 3%: f* = 0.8 - 0.2 / (2/3) = 0.5 -> quarter 0.125; risk cap 0.02 / 0.03 = 0.667
    const buy = mlSignalFor('AAA', 'd', 50, 0.8, 0.1, 0.65, 0.02 / 0.03, 0.03, forecastStrategyDefaults);
    expect(buy.action).toBe('buy');
    expect(buy.kellyWeight).toBeCloseTo(0.125, 12);
    expect(mlSignalFor('AAA', 'd', 50, 0.2, 0.7, 0.65, 2 / 3, 0.03, forecastStrategyDefaults).action).toBe('sell');
    expect(mlSignalFor('AAA', 'd', 50, 0.6, 0.1, 0.65, 2 / 3, 0.03, forecastStrategyDefaults).action).toBe('hold');
    const missing = mlSignalFor('AAA', 'd', 50, Number.NaN, Number.NaN, 0.65, 2 / 3, 0.03, forecastStrategyDefaults);
    expect(missing).toMatchObject({ action: 'hold', kellyWeight: 0 });
    expect(missing.reason).toMatch(/no prediction on the latest bar/);
  });

  it('buys whole shares up to the target weight, limited by cash', () => {
    expect(sharesToTarget(0.1, 10_000, 0, 10_000, 99, 0.001)).toBe(10); // 1000 / 99
    expect(sharesToTarget(0.1, 10_000, 600, 10_000, 99, 0.001)).toBe(4); // 400 / 99
    expect(sharesToTarget(0.5, 10_000, 0, 300, 99, 0.001)).toBe(3); // 300 / 1.001 / 99
    expect(sharesToTarget(0.1, 10_000, 2000, 10_000, 99, 0.001)).toBe(0);
  });
});

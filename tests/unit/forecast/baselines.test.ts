import { describe, expect, it } from 'vitest';
import { createBaselines } from '../../../src/core/forecast/baselines';
import { driftForecast } from '../../../src/core/forecast/baselines/drift';
import { etsForecast, fitSmoothing, smoothLevel } from '../../../src/core/forecast/baselines/ets';
import { normalQuantile } from '../../../src/core/forecast/baselines/gaussian';
import { naiveForecast, seasonalNaiveForecast } from '../../../src/core/forecast/baselines/naive';
import { CancelledError } from '../../../src/core/jobs/progress';

const f64 = (...values: number[]) => Float64Array.from(values);

describe('normalQuantile', () => {
  it('matches published z values', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.1)).toBeCloseTo(-1.2815515655, 8);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
  });
});

describe('baseline point forecasts and spreads (hand-worked)', () => {
  it('naive: last value, sigma * sqrt(h)', () => {
    // residuals 2, -1, 2 -> rms sqrt(3)
    const { point, sigma } = naiveForecast(f64(10, 12, 11, 13), 3);
    expect([...point]).toEqual([13, 13, 13]);
    expect(sigma[0]).toBeCloseTo(Math.sqrt(3), 12);
    expect(sigma[1]).toBeCloseTo(Math.sqrt(6), 12);
    expect(sigma[2]).toBeCloseTo(3, 12);
  });

  it('seasonal naive: value one season back, sigma * sqrt(k+1)', () => {
    const { point, sigma } = seasonalNaiveForecast(f64(1, 2, 3, 4, 5), 3, 2);
    expect([...point]).toEqual([4, 5, 4]);
    expect([...sigma].map((s) => +s.toFixed(12))).toEqual([2, 2, +(2 * Math.SQRT2).toFixed(12)]);
  });

  it('seasonal naive falls back to naive when the history is not longer than a season', () => {
    expect([...seasonalNaiveForecast(f64(3, 7), 2, 5).point]).toEqual([7, 7]);
  });

  it('drift: line through first and last value, sigma * sqrt(h(1 + h/T))', () => {
    // slope 7/3; residuals -1/3, -4/3, 5/3 -> sum of squares 42/9 over 2 dof
    const { point, sigma } = driftForecast(f64(1, 3, 4, 8), 2);
    expect(point[0]).toBeCloseTo(8 + 7 / 3, 12);
    expect(point[1]).toBeCloseTo(8 + 14 / 3, 12);
    const s = Math.sqrt(42 / 18);
    expect(sigma[0]).toBeCloseTo(s * Math.sqrt(1 * (1 + 1 / 4)), 12);
    expect(sigma[1]).toBeCloseTo(s * Math.sqrt(2 * (1 + 2 / 4)), 12);
  });

  it('simple exponential smoothing: the level recursion and its SSE', () => {
    // alpha 0.5: l0 = 10; e1 = 2, l1 = 11; e2 = 0, l2 = 11
    const fit = smoothLevel(f64(10, 12, 11), 0.5);
    expect(fit.level).toBe(11);
    expect(fit.sse).toBe(4);
    expect([...fit.errors]).toEqual([2, 0]);
  });

  it('simple exponential smoothing fits alpha = 1 on a straight line and the SSE minimum on noise', () => {
    const line = f64(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    const fit = fitSmoothing(line);
    expect(fit.alpha).toBeCloseTo(1, 6);
    expect(etsForecast(line, 2).point[1]).toBeCloseTo(9, 6);
    const noisy = f64(5, 7, 4, 6, 5, 8, 3, 6, 5, 7, 4, 6);
    const best = fitSmoothing(noisy);
    for (let a = 0.05; a <= 1; a += 0.05) expect(best.sse).toBeLessThanOrEqual(smoothLevel(noisy, a).sse + 1e-12);
    // a mean-reverting series wants a small alpha
    expect(best.alpha).toBeLessThan(0.3);
  });
});

describe('baseline forecasters', () => {
  const [naive, seasonal, drift, ets] = createBaselines(2);

  it('report Forecast summaries with Gaussian bands', async () => {
    const [f] = await naive.forecast([{ target: f64(10, 12, 11, 13) }], { horizon: 2 });
    expect([...f.median]).toEqual([13, 13]);
    expect(f.interval95!.lower[0]).toBeCloseTo(13 - 1.959963985 * Math.sqrt(3), 7);
    expect(f.interval80!.upper[1]).toBeCloseTo(13 + 1.2815515655 * Math.sqrt(6), 7);
    expect(f.interval95!.held).toBeUndefined();
    expect(f.expectedReturn).toBe(0);
    expect(f.confidence).toBe(0.5);
    const [d] = await drift.forecast([{ target: f64(1, 3, 4, 8) }], { horizon: 2 });
    expect(d.expectedReturn).toBeCloseTo((8 + 14 / 3) / 8 - 1, 12);
    expect(d.confidence).toBeGreaterThan(0.5);
    expect(seasonal.info.id).toBe('baseline:seasonal-naive-2');
    expect(ets.info.kind).toBe('baseline');
  });

  it('forecast from the last observed value, skipping missing values at the ends', async () => {
    const [f] = await naive.forecast([{ target: f64(NaN, 10, 12, 11, 13, NaN) }], { horizon: 1 });
    expect(f.median[0]).toBe(13);
    await expect(naive.forecast([{ target: f64(NaN, NaN) }], { horizon: 1 })).rejects.toThrow(/series 0 has no observed values/);
  });

  it('stop when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(ets.forecast([{ target: f64(1, 2, 3) }], { horizon: 1, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});

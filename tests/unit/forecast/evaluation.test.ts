import { describe, expect, it } from 'vitest';
import { createBaselines } from '../../../src/core/forecast/baselines';
import {
  countCovered,
  directionHit,
  evaluateForecasters,
  forecastOrigins,
  meanAbsoluteScaledError,
  pinballLoss,
  quantileLossSums,
  seasonalNaiveScale,
} from '../../../src/core/forecast/evaluation';
import { summarizeForecast } from '../../../src/core/forecast/summary';
import type { Forecaster, ForecastRequest } from '../../../src/core/forecast/types';
import { CancelledError } from '../../../src/core/jobs/progress';

describe('forecast metrics (hand-worked)', () => {
  it('pinball loss', () => {
    expect(pinballLoss(10, 8, 0.1)).toBeCloseTo(0.2, 12);
    expect(pinballLoss(10, 11, 0.9)).toBeCloseTo(0.1, 12);
    expect(pinballLoss(10, 10, 0.5)).toBe(0);
  });

  it('MASE with the seasonal naive scale of the history', () => {
    // |diffs| at season 2 of [1, 2, 4, 3]: |4-1| = 3, |3-2| = 1 -> scale 2
    expect(seasonalNaiveScale([1, 2, 4, 3], 2)).toBe(2);
    // errors 1 and 2 -> mean 1.5 / scale 2
    expect(meanAbsoluteScaledError([3, 5], [2, 7], 2)).toBe(0.75);
    expect(meanAbsoluteScaledError([3, 5], [2, 7], 0)).toBeNaN();
  });

  it('weighted quantile loss sums', () => {
    // y = 10, quantiles 8 / 10 / 11 at 0.1 / 0.5 / 0.9: 2 * (0.2 + 0 + 0.1) = 0.6; |y| = 10; WQL = 0.6 / (3 * 10)
    const { lossSum, absSum } = quantileLossSums([10], [0.1, 0.5, 0.9], (q) => [8, 10, 11][q]);
    expect(lossSum).toBeCloseTo(0.6, 12);
    expect(absSum).toBe(10);
  });

  it('coverage and direction', () => {
    expect(countCovered([1, 5, 9, NaN], [0, 6, 9, 0], [2, 8, 10, 1])).toEqual({ covered: 2, observed: 3 });
    expect(directionHit(100, 105, 101)).toBe(true);
    expect(directionHit(100, 95, 101)).toBe(false);
    expect(directionHit(100, 100, 101)).toBeUndefined();
    // a forecast of no move predicts no direction: it is neither right nor wrong
    expect(directionHit(100, 105, 100)).toBeUndefined();
    expect(directionHit(100, 95, 100)).toBeUndefined();
  });
});

describe('rolling-origin evaluation', () => {
  it('places origins every step bars, the last window ending on the last bar', () => {
    expect(forecastOrigins(20, { horizon: 3, step: 4, minContext: 5, maxOrigins: 10 })).toEqual([5, 9, 13, 17]);
    expect(forecastOrigins(20, { horizon: 3, step: 4, minContext: 5, maxOrigins: 2 })).toEqual([13, 17]);
  });

  it('never shows a forecaster a bar at or after the origin', async () => {
    // series value = its index, so a request's last value tells which bars it saw
    const target = Float64Array.from({ length: 40 }, (_, i) => i + 1);
    const seen: ForecastRequest[] = [];
    const spy: Forecaster = {
      info: { id: 'spy', label: 'spy', kind: 'baseline', levels: [0.5] },
      async forecast(requests, { horizon }) {
        seen.push(...requests);
        return requests.map((r) => summarizeForecast({ levels: [0.5], quantiles: new Float64Array(horizon).fill(r.target[r.target.length - 1]), horizon, lastPrice: r.target[r.target.length - 1] }));
      },
    };
    const volume = Float64Array.from(target, (v) => -v);
    const result = await evaluateForecasters(target, [spy], { horizon: 4, step: 5, minContext: 10, maxContext: 8, batchSize: 3, pastCovariates: { volume } });
    expect(result.origins).toEqual([11, 16, 21, 26, 31, 36]);
    expect(seen.map((r) => r.target[r.target.length - 1])).toEqual(result.origins.map((o) => o)); // bar o-1 has value o
    expect(seen.every((r) => r.target.length === 8)).toBe(true);
    expect(seen.map((r) => r.pastCovariates!.volume[7])).toEqual(result.origins.map((o) => -o));
  });

  it('scores naive and drift on a straight line exactly', async () => {
    const target = Float64Array.from({ length: 30 }, (_, i) => 100 + i);
    const [naive, , drift] = createBaselines(1);
    const { scores, origins } = await evaluateForecasters(target, [naive, drift], { horizon: 2, step: 5, minContext: 10, season: 1 });
    expect(origins).toEqual([13, 18, 23, 28]);
    const [n, d] = scores;
    // naive misses by 1 then 2 bars of +1, scale 1 -> MASE 1.5; it never predicts a move, so it has no
    // direction hit rate (NaN, shown as —), not 0%
    expect(n.mase).toBeCloseTo(1.5, 12);
    expect(n.directionalAccuracy).toBeNaN();
    // drift on a line: exact medians, zero spread
    expect(d.mase).toBeCloseTo(0, 9);
    expect(d.directionalAccuracy).toBe(1);
    expect(d.wql).toBeCloseTo(0, 9);
    expect(d.coverage95).toBe(1);
    // naive: residual rms 1, so the decile q at step h is last + z_q * sqrt(h) while the actual is last + h
    const z = [-1.2815515655, -0.8416212336, -0.5244005127, -0.2533471031, 0, 0.2533471031, 0.5244005127, 0.8416212336, 1.2815515655];
    const levels = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    let loss = 0;
    for (let h = 1; h <= 2; h++) {
      levels.forEach((q, i) => {
        const miss = h - z[i] * Math.sqrt(h); // actual - quantile
        loss += 2 * (miss >= 0 ? q * miss : (q - 1) * miss);
      });
    }
    const absActual = origins.reduce((sum, o) => sum + target[o] + target[o + 1], 0);
    expect(n.wql).toBeCloseTo((origins.length * loss) / (9 * absActual), 8);
    expect(Number.isFinite(n.msPerForecast)).toBe(true);
  });

  it('rejects a series too short and stops when cancelled', async () => {
    const [naive] = createBaselines();
    await expect(evaluateForecasters(new Float64Array(10), [naive], { horizon: 5, minContext: 8 })).rejects.toThrow(/too short to evaluate/);
    const controller = new AbortController();
    controller.abort();
    await expect(evaluateForecasters(new Float64Array(300).fill(1), [naive], { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});

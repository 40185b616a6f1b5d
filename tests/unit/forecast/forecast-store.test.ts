import { describe, expect, it } from 'vitest';
import { runSweep } from '../../../src/core/backtest/sweep';
import { randomWalk } from '../backtest/helpers';
import { createBaselines } from '../../../src/core/forecast/baselines';
import { MemoryForecastStore, storedForecaster } from '../../../src/core/forecast/forecast-store';
import { covariateFingerprint, fingerprint, forecastKey } from '../../../src/core/forecast/store-key';
import type { ForecastRequest } from '../../../src/core/forecast/types';

const closes = Float64Array.from({ length: 300 }, (_, i) => 100 + 10 * Math.sin(i / 7) + i / 10);
const request = (end: number, symbol = 'AAA'): ForecastRequest & { origin: { symbol: string; date: string } } =>
  ({ target: closes.subarray(Math.max(0, end - 128), end), origin: { symbol, date: `d${end}` } });

describe('forecast store key', () => {
  it('changes with every part that decides the forecast, and only with those', () => {
    const base = forecastKey('m@rev1', request(200), 20).id;
    expect(forecastKey('m@rev1', request(200), 20).id).toBe(base);
    const others = [
      forecastKey('m@rev2', request(200), 20), // model revision
      forecastKey('m@rev1', request(200, 'BBB'), 20), // symbol
      forecastKey('m@rev1', { ...request(200), origin: { symbol: 'AAA', date: 'other' } }, 20), // origin date
      forecastKey('m@rev1', { ...request(200), target: closes.subarray(100, 200) }, 20), // context length
      forecastKey('m@rev1', request(200), 21), // horizon
      forecastKey('m@rev1', { ...request(200), pastCovariates: { volume: closes.subarray(72, 200) } }, 20), // covariates
      forecastKey('m@rev1', { ...request(200), target: Float64Array.from(request(200).target, (v, i) => (i === 5 ? v + 1e-9 : v)) }, 20), // a corrected price
    ].map((k) => k.id);
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('fingerprints the exact bits, by covariate name', () => {
    expect(fingerprint([Float64Array.of(1, 2)])).toBe(fingerprint([Float64Array.of(1, 2)]));
    expect(fingerprint([Float64Array.of(1, 2)])).not.toBe(fingerprint([Float64Array.of(1, 2 + 2 ** -40)]));
    expect(fingerprint([Float64Array.of(1), Float64Array.of(2)])).not.toBe(fingerprint([Float64Array.of(1, 2)]));
    const a = Float64Array.of(1, 2), b = Float64Array.of(3, 4);
    expect(covariateFingerprint({})).toBe('');
    expect(covariateFingerprint({ pastCovariates: { x: a, y: b } })).toBe(covariateFingerprint({ pastCovariates: { y: b, x: a } }));
    expect(covariateFingerprint({ pastCovariates: { x: a, y: b } })).not.toBe(covariateFingerprint({ pastCovariates: { x: b, y: a } }));
  });
});

describe('storedForecaster', () => {
  it('computes only what the store lacks, counts it, and returns the same forecasts either way', async () => {
    const drift = createBaselines().find((f) => f.info.id === 'baseline:drift')!;
    const store = new MemoryForecastStore();
    const requests = [request(150), request(200), request(250)];
    const cold = storedForecaster(drift, 'baseline:drift@builtin', store);
    const first = await cold.forecast(requests.slice(0, 2), { horizon: 10 });
    expect(cold.tally).toEqual({ computed: 2, reused: 0 });
    const warm = storedForecaster(drift, 'baseline:drift@builtin', store);
    const second = await warm.forecast(requests, { horizon: 10 });
    expect(warm.tally).toEqual({ computed: 1, reused: 2 });
    expect(second.slice(0, 2)).toEqual(first);
    // The same numbers as the model itself gives.
    const direct = await drift.forecast(requests, { horizon: 10 });
    second.forEach((f, i) => {
      expect(Array.from(f.median)).toEqual(Array.from(direct[i].median));
      expect(f.expectedReturn).toBe(direct[i].expectedReturn);
    });
    // Without an origin a request is always computed; without a store everything is.
    const anonymous = storedForecaster(drift, 'baseline:drift@builtin', store);
    await anonymous.forecast([{ target: requests[0].target }], { horizon: 10 });
    expect(anonymous.tally).toEqual({ computed: 1, reused: 0 });
    const storeless = storedForecaster(drift, 'baseline:drift@builtin', undefined);
    await storeless.forecast(requests, { horizon: 10 });
    expect(storeless.tally).toEqual({ computed: 3, reused: 0 });
  });
});

describe('a sweep over a stored forecaster', () => {
  it('computes each forecast once: the other combinations reuse them', async () => {
    const drift = createBaselines().find((f) => f.info.id === 'baseline:drift')!;
    const forecaster = storedForecaster(drift, 'baseline:drift@builtin', new MemoryForecastStore());
    const universe = [randomWalk('AAA', 300, 1), randomWalk('BBB', 300, 2)];
    const result = await runSweep({ universe }, { name: 'forecast', horizon: 5 }, [{ key: 'returnThresholdBuy', values: [0.005, 0.01, 0.02] }],
      { rebalance: 'weekly' }, 'sharpe', { forecaster });
    expect(result.rows.every((r) => !r.skipped)).toBe(true);
    const perRun = forecaster.tally.computed;
    expect(perRun).toBeGreaterThan(100);
    expect(forecaster.tally.reused).toBe(2 * perRun);
  });
});

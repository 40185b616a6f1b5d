import { describe, expect, it } from 'vitest';
import { ema, ewmMean, sma, wilderAverage } from '../../../src/core/indicators';
import { expectSeries, f64 } from './helpers';

describe('sma', () => {
  it('is the mean of the last n values with a NaN warm-up', () => {
    expectSeries(sma(f64([1, 2, 3, 4, 5]), 3), [NaN, NaN, 2, 3, 4]);
  });
  it('is NaN for every window touching a NaN (pandas rolling mean)', () => {
    expectSeries(sma(f64([1, NaN, 3, 4, 5, 6]), 2), [NaN, NaN, NaN, 3.5, 4.5, 5.5]);
  });
  it('does not drift over a long series', () => {
    const values = Float64Array.from({ length: 200_000 }, (_, i) => 1e6 + Math.sin(i) * 1e-3);
    const out = sma(values, 50);
    let direct = 0;
    for (let j = values.length - 50; j < values.length; j++) direct += values[j];
    expect(out[values.length - 1]).toBeCloseTo(direct / 50, 9);
  });
  it('rejects a bad period', () => {
    expect(() => sma(f64([1]), 0)).toThrow(/period must be a positive integer/);
  });
});

describe('ema (pandas ewm span, adjust=False)', () => {
  it('starts at the first input and follows alpha = 2/(n+1)', () => {
    // period 3 -> alpha 0.5: 1, (2+1)/2, (3+1.5)/2, (4+2.25)/2
    expectSeries(ema(f64([1, 2, 3, 4]), 3), [1, 1.5, 2.25, 3.125]);
  });
  it('starts at the first finite value when the input has a NaN warm-up', () => {
    expectSeries(ema(f64([NaN, NaN, 2, 4]), 3), [NaN, NaN, 2, 3]);
  });
  it('decays the old weight across an interior gap like pandas ignore_na=False', () => {
    // pandas docs (DataFrame.ewm, ignore_na): for [x0, None, x2] with adjust=False the weights of
    // x0 and x2 are (1-a)^2 and a. With a = 0.5: (0.25*1 + 0.5*3) / 0.75.
    expectSeries(ewmMean(f64([1, NaN, 3]), 0.5), [1, 1, 1.75 / 0.75]);
  });
});

describe('wilderAverage', () => {
  it('seeds with the simple mean of the first n values, then (prev*(n-1)+x)/n', () => {
    expectSeries(wilderAverage(f64([NaN, 2, 4, 6, 10]), 3), [NaN, NaN, NaN, 4, 6]);
  });
});

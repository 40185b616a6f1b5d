import { describe, expect, it } from 'vitest';
import { atr, bollinger, heikinAshi, volatility } from '../../../src/core/indicators';
import { expectSeries, f64 } from './helpers';

describe('volatility', () => {
  it('is the sample std of simple returns times sqrt(252) (hand-worked, n=2)', () => {
    // returns 0.1, -0.1: mean 0, sample variance (0.01+0.01)/1
    expectSeries(volatility(f64([100, 110, 99]), 2), [NaN, NaN, Math.sqrt(0.02) * Math.sqrt(252)]);
  });
  it('needs n returns: first valid bar is n', () => {
    const out = volatility(Float64Array.from({ length: 30 }, (_, i) => 100 + (i % 3)), 20);
    expect(out.findIndex((v) => !Number.isNaN(v))).toBe(20);
  });
});

describe('bollinger', () => {
  it('uses the population std around the SMA (hand-worked, n=3, k=2)', () => {
    const { middle, upper, lower } = bollinger(f64([1, 2, 3, 5]), 3, 2);
    const sd1 = Math.sqrt(2 / 3); // of 1,2,3
    const sd2 = Math.sqrt(((2 - 10 / 3) ** 2 + (3 - 10 / 3) ** 2 + (5 - 10 / 3) ** 2) / 3);
    expectSeries(middle, [NaN, NaN, 2, 10 / 3]);
    expectSeries(upper, [NaN, NaN, 2 + 2 * sd1, 10 / 3 + 2 * sd2]);
    expectSeries(lower, [NaN, NaN, 2 - 2 * sd1, 10 / 3 - 2 * sd2]);
  });
});

describe('heikinAshi', () => {
  it('follows the recursive open and averaged close (hand-worked)', () => {
    const ha = heikinAshi(f64([10, 11]), f64([12, 13]), f64([9, 10]), f64([11, 12]));
    // bar 0: close (10+12+9+11)/4 = 10.5, open (10+11)/2 = 10.5; bar 1: close 11.5, open (10.5+10.5)/2 = 10.5
    expectSeries(ha.close, [10.5, 11.5]);
    expectSeries(ha.open, [10.5, 10.5]);
    expectSeries(ha.high, [12, 13]);
    expectSeries(ha.low, [9, 10]);
  });
  it('haLow/haHigh include haOpen when it lies outside the bar', () => {
    const ha = heikinAshi(f64([10, 20]), f64([12, 21]), f64([9, 19]), f64([11, 20]));
    expect(ha.open[1]).toBe(10.5);
    expect(ha.low[1]).toBe(10.5);
  });
});

describe('atr', () => {
  it('seeds with the mean of the first n true ranges, then Wilder smoothing (hand-worked, n=2)', () => {
    const high = f64([10, 12, 11, 15]);
    const low = f64([8, 9, 9, 12]);
    const close = f64([9, 11, 10, 14]);
    // TR: 2; max(3, |12-9|, |9-9|) = 3; max(2, 0, 2) = 2; max(3, 5, 2) = 5
    expectSeries(atr(high, low, close, 2), [NaN, 2.5, (2.5 + 2) / 2, (2.25 + 5) / 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { macd, roc, rsi } from '../../../src/core/indicators';
import { expectSeries, f64 } from './helpers';

/**
 * Wilder RSI worked example published by StockCharts ("Relative Strength Index (RSI)",
 * ChartSchool, cs-rsi.xls): 14-day RSI of these 33 closes. The published column is
 * 70.53 66.32 66.55 69.41 66.36 57.97 62.93 63.26 56.06 62.38 54.71 50.42 39.99 41.46 41.87 45.46 37.30 33.09 37.79;
 * their spreadsheet rounds the averages to 2 decimals, so published values are matched to 0.1.
 */
const stockChartsCloses = [
  44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0, 46.03,
  46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57, 43.42, 42.66, 43.13,
];
const stockChartsRsi = [
  70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87, 45.46, 37.3,
  33.09, 37.79,
];

describe('rsi', () => {
  it("matches StockCharts' published Wilder example with Wilder's SMA seed", () => {
    const out = rsi(f64(stockChartsCloses), 14, 'sma');
    for (let i = 0; i < 14; i++) expect(out[i]).toBeNaN();
    stockChartsRsi.forEach((v, k) => expect(Math.abs(out[14 + k] - v), `bar ${14 + k}`).toBeLessThan(0.1));
  });
  it('first Wilder value worked by hand: gains 3.34, losses 1.40 over 14 changes', () => {
    const out = rsi(f64(stockChartsCloses), 14, 'sma');
    expect(out[14]).toBeCloseTo(100 - 100 / (1 + 3.34 / 1.4), 10);
  });
  it('DESIGN seeding: the first change is the first average (pandas ewm alpha=1/n)', () => {
    // closes 10, 11, 10.5 with n=2 (alpha 0.5): gains 1, 0 -> avg 1, 0.5; losses 0, 0.5 -> avg 0, 0.25
    expectSeries(rsi(f64([10, 11, 10.5]), 2), [NaN, 100, 100 - 100 / (1 + 0.5 / 0.25)]);
  });
  it('both seedings converge', () => {
    const closes = Float64Array.from({ length: 400 }, (_, i) => 100 + 10 * Math.sin(i / 7) + i * 0.05);
    const a = rsi(closes, 14);
    const b = rsi(closes, 14, 'sma');
    expect(Math.abs(a[399] - b[399])).toBeLessThan(1e-6);
  });
});

describe('macd', () => {
  it('is EMA12 - EMA26 with EMA9 signal and their difference as histogram (hand-worked, short periods)', () => {
    // fast 1 (EMA = input), slow 3 (alpha 0.5), signal 1: macd = x - ema3(x)
    const { macd: line, signal, histogram } = macd(f64([2, 4, 6]), 1, 3, 1);
    expectSeries(line, [0, 1, 1.5]);
    expectSeries(signal, [0, 1, 1.5]);
    expectSeries(histogram, [0, 0, 0]);
  });
  it('is zero on a flat series', () => {
    const { macd: line, histogram } = macd(new Float64Array(50).fill(7));
    expect(Math.max(...line.map(Math.abs))).toBe(0);
    expect(Math.max(...histogram.map(Math.abs))).toBe(0);
  });
});

describe('roc', () => {
  it('is a fraction over n bars with an n-bar NaN warm-up', () => {
    expectSeries(roc(f64([100, 110, 121, 99]), 2), [NaN, NaN, 0.21, 99 / 110 - 1]);
  });
});

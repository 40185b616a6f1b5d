/**
 * The tearsheet metrics (DESIGN.md "Tearsheet metrics") against an independent pandas/scipy reference
 * (tests/reference/backtest/tearsheet_reference.py, committed output) on a real run: the SMA 10/30
 * backtest of the demo S&P 500, daily and sampled at month ends (annualised with 12); plus small
 * cases worked by hand.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  curveMetrics, excessKurtosis, omegaRatio, periodsPerYear, probabilisticSharpe, recoveryFactor, rollingSortino, rSquared, informationRatio,
  skewness, tailRatio, tradeStats, ulcerIndexPct, normalCdf,
} from '../../../src/core/metrics';
import type { Trade } from '../../../src/core/portfolio/types';

const dir = resolve(import.meta.dirname, '../../reference/backtest');
interface Case { dates: string[]; equity: number[]; benchmark: number[]; trades: { exitDate: string; pnl: number; returnPct: number }[] }
const input = JSON.parse(readFileSync(resolve(dir, 'tearsheet-input.json'), 'utf8')) as Record<'daily' | 'monthly', Case>;
const expected = JSON.parse(readFileSync(resolve(dir, 'tearsheet-reference.json'), 'utf8')) as Record<'daily' | 'monthly', Record<string, number>>;

const trade = (pnl: number, returnPct: number): Trade => ({
  symbol: 'X', direction: 'long', entryDate: '2024-01-01', exitDate: '2024-01-02', entryPrice: 1, exitPrice: 1, quantity: 1, pnl, returnPct,
  commission: 0, borrowCost: 0, durationDays: 1, entryNote: '', exitReason: 'signal', exitNote: '',
});

/** Relative difference, with an absolute floor for values near zero. */
const close = (actual: number, wanted: number) => Math.abs(actual - wanted) <= 1e-9 * Math.max(1, Math.abs(wanted));

describe('tearsheet metrics vs the pandas/scipy reference', () => {
  for (const name of ['daily', 'monthly'] as const) {
    it(`${name}: every metric within 1e-9 relative`, () => {
      const c = input[name];
      const metrics = {
        ...curveMetrics(c.dates, Float64Array.from(c.equity), Float64Array.from(c.benchmark)),
        ...tradeStats(c.trades.map((t) => trade(t.pnl, t.returnPct))),
      } as unknown as Record<string, number>;
      const wanted = expected[name];
      expect(Object.keys(wanted).length).toBeGreaterThanOrEqual(26);
      for (const [key, value] of Object.entries(wanted)) {
        expect(close(metrics[key], value), `${key}: ${metrics[key]} vs ${value}`).toBe(true);
      }
    });
  }

  it('annualises monthly data with 12 and daily with 252', () => {
    expect(periodsPerYear(input.daily.dates)).toBe(252);
    expect(periodsPerYear(input.monthly.dates)).toBe(12);
    expect(periodsPerYear(['2024-01-05', '2024-01-12', '2024-01-19', '2024-01-26'])).toBe(52);
  });
});

describe('tearsheet metrics on hand-worked cases', () => {
  const r = Float64Array.from([0.1, -0.05, 0.02, -0.01, 0.04]);

  it('skew, kurtosis, omega and tail ratio', () => {
    // mean 0.02; deviations 0.08 -0.07 0 -0.03 0.02; m2 = 0.01260/5 = 0.00252, m3 = 0.000166/5, m4 = 0.0000691/5 (sums of d^2, d^3, d^4)
    const m2 = 0.0126 / 5, m3 = (0.000512 - 0.000343 - 0.000027 + 0.000008) / 5, m4 = (0.00004096 + 0.00002401 + 0.00000081 + 0.00000016) / 5;
    expect(skewness(r)).toBeCloseTo((Math.sqrt(20) / 3) * (m3 / m2 ** 1.5), 12);
    expect(excessKurtosis(r)).toBeCloseTo(((6 * (m4 / m2 ** 2) - 12) * 4) / 6, 12);
    expect(omegaRatio(r)).toBeCloseTo(0.16 / 0.06, 12);
    // q95 at position 3.8 of sorted [-0.05 -0.01 0.02 0.04 0.1]: 0.04 + 0.8 * 0.06 = 0.088; q05 at 0.2: -0.05 + 0.2 * 0.04 = -0.042
    expect(tailRatio(r)).toBeCloseTo(0.088 / 0.042, 12);
    expect(omegaRatio(Float64Array.from([0.01, 0.02]))).toBe(Infinity);
  });

  it('probabilistic Sharpe of a symmetric sample: Phi(SR sqrt(n-1) / sqrt(1 + (k + 2) / 4 SR^2))', () => {
    // Symmetric about 0.01 (skew 0): mean 0.01, deviations -0.02 0 0 0.02 -> sample sd sqrt(0.0008 / 3).
    const sym = Float64Array.from([-0.01, 0.01, 0.01, 0.03]);
    expect(skewness(sym)).toBeCloseTo(0, 14);
    const sr = 0.01 / Math.sqrt(0.0008 / 3);
    // m2 = 0.0002, m4 = 0.00000008: G2 = ((5 * 2) - 9) * 3 / (2 * 1) = 1.5
    expect(excessKurtosis(sym)).toBeCloseTo(1.5, 12);
    expect(probabilisticSharpe(sym)).toBeCloseTo(normalCdf((sr * Math.sqrt(3)) / Math.sqrt(1 + (3.5 / 4) * sr * sr)), 14);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 14);
  });

  it('ulcer index and recovery factor', () => {
    const v = Float64Array.from([100, 90, 110, 99]); // dd 0, -0.1, 0, -0.1
    expect(ulcerIndexPct(v)).toBeCloseTo(100 * Math.sqrt(0.02 / 4), 12);
    expect(recoveryFactor(v)).toBeCloseTo(-0.01 / 0.1, 12);
    expect(recoveryFactor(Float64Array.from([1, 2, 3]))).toBeNaN();
  });

  it('information ratio and R squared', () => {
    const rb = Float64Array.from([0.05, -0.02, 0.01, 0.0, 0.02]);
    // r - rb = 0.05 -0.03 0.01 -0.01 0.02: mean 0.008, deviations .042 -.038 .002 -.018 .012
    const sd = Math.sqrt((0.042 ** 2 + 0.038 ** 2 + 0.002 ** 2 + 0.018 ** 2 + 0.012 ** 2) / 4);
    expect(informationRatio(r, rb)).toBeCloseTo((0.008 / sd) * Math.sqrt(252), 10);
    expect(rSquared(r, r.map((x) => 3 * x - 0.01))).toBeCloseTo(1, 12);
  });

  it('consecutive wins and losses, payoff ratio and SQN', () => {
    const stats = tradeStats([trade(10, 2), trade(5, 1), trade(-4, -1), trade(0, 0), trade(-2, -0.5), trade(7, 3)]);
    expect(stats.maxConsecutiveWins).toBe(2);
    expect(stats.maxConsecutiveLosses).toBe(3); // -4, 0, -2: a zero P&L is not a win
    expect(stats.payoffRatio).toBeCloseTo(2 / 0.5, 12); // wins 2 1 3 -> 2; others -1 0 -0.5 -> -0.5
    const pnl = [10, 5, -4, 0, -2, 7];
    const m = 16 / 6;
    const sd = Math.sqrt(pnl.reduce((a, p) => a + (p - m) ** 2, 0) / 5);
    expect(stats.sqn).toBeCloseTo((Math.sqrt(6) * m) / sd, 12);
  });

  it('rolling Sortino over a window', () => {
    const out = rollingSortino(r, 3, 252);
    expect(out[1]).toBeNaN();
    // window [0.1, -0.05, 0.02]: mean 0.0233.., downside sqrt(0.0025 / 3)
    expect(out[2]).toBeCloseTo((0.07 / 3 / Math.sqrt(0.0025 / 3)) * Math.sqrt(252), 10);
  });
});

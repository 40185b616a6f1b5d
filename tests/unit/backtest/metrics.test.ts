import { describe, expect, it } from 'vitest';
import {
  alphaBeta, annualVolatility, cagr, calmarRatio, correlationMatrix, dailyReturns, drawdownEpisodes, historicalCVaR,
  historicalVaR, maxDrawdown, monthlyReturns, rollingBeta, rollingSharpe, rollingVolatility, sharpeRatio, sortinoRatio,
  tradeStats, yearlyReturns,
} from '../../../src/core/metrics';
import type { Trade } from '../../../src/core/portfolio/types';
import { seriesFrom } from './helpers';

// Reference values below were computed with numpy 2 (ddof=1 std/cov, np.quantile linear) on the same arrays.
const equity = Float64Array.from([100, 110, 99, 121, 108.9, 115, 130, 125]);
const bench = Float64Array.from([50, 52, 51, 55, 54, 53, 58, 60]);
const r = dailyReturns(equity);
const rb = dailyReturns(bench);

describe('ratios (DESIGN.md formulas)', () => {
  it('match numpy', () => {
    expect(Array.from(r.slice(0, 3))).toEqual([expect.closeTo(0.1, 12), expect.closeTo(-0.1, 12), expect.closeTo(22 / 99, 12)]);
    expect(sharpeRatio(r)).toBeCloseTo(4.987210100701696, 10);
    expect(sortinoRatio(r)).toBeCloseTo(11.062237104981229, 10);
    expect(annualVolatility(r)).toBeCloseTo(1.9505024890667508, 10);
    expect(cagr(100, 125, 7)).toBeCloseTo(3080.4879110195775, 6);
    const { alpha, beta } = alphaBeta(r, rb);
    expect(beta).toBeCloseTo(2.030570077989283, 10);
    expect(alpha).toBeCloseTo(-0.9863580738002232, 10);
    expect(calmarRatio(0.2, -0.1)).toBeCloseTo(2, 12);
  });

  it('give NaN rather than Infinity for a flat curve', () => {
    const flat = dailyReturns(Float64Array.from([100, 100, 100]));
    expect(sharpeRatio(flat)).toBeNaN();
    expect(sortinoRatio(flat)).toBeNaN();
  });
});

describe('drawdowns', () => {
  it('finds each episode, its depth and length', () => {
    // peaks 100 110 110 121 121 121 130 130
    expect(maxDrawdown(equity)).toBeCloseTo(-0.1, 12);
    const episodes = drawdownEpisodes(equity);
    expect(episodes.map((e) => [e.peak, e.trough, e.recovery, e.lengthBars])).toEqual([[1, 2, 3, 2], [3, 4, 6, 3], [6, 7, -1, 1]]);
    expect(episodes.map((e) => e.depth)).toEqual([expect.closeTo(-0.1, 12), expect.closeTo(-0.1, 12), expect.closeTo(125 / 130 - 1, 12)]);
  });
});

describe('VaR / CVaR (historical)', () => {
  it('uses the linear-interpolated quantile and the mean beyond it', () => {
    expect(historicalVaR(r, 0.95)).toBeCloseTo(0.1, 12);
    expect(historicalCVaR(r, 0.95)).toBeCloseTo(0.1, 12);
    // 0..99 / 100 - 0.5: 5% quantile at position 4.95 -> -0.4505; the 5 values below average -0.47.
    const grid = Float64Array.from({ length: 100 }, (_, i) => i / 100 - 0.5);
    expect(historicalVaR(grid, 0.95)).toBeCloseTo(0.4505, 12);
    expect(historicalCVaR(grid, 0.95)).toBeCloseTo(0.48, 12);
    expect(historicalVaR(grid, 0.99)).toBeCloseTo(0.4901, 12);
  });
});

describe('rolling metrics', () => {
  it('equal the full-sample formula on the last window', () => {
    expect(rollingSharpe(r, 3)[6]).toBeCloseTo(9.251174067751622, 9);
    expect(rollingVolatility(r, 3)[6]).toBeCloseTo(1.3437198972910471, 9);
    expect(rollingBeta(r, rb, 3)[6]).toBeCloseTo(0.7057974241389123, 9);
    expect(rollingSharpe(r, 3)[1]).toBeNaN();
  });
});

describe('period returns', () => {
  it('compound to the curve value at each period end', () => {
    const dates = ['2023-12-28', '2023-12-29', '2024-01-02', '2024-01-31', '2024-02-01', '2024-02-02'];
    const values = Float64Array.from([100, 105, 110, 99, 120, 132]);
    expect(monthlyReturns(dates, values)).toEqual([
      { period: '2023-12', returnPct: expect.closeTo(5, 10) },
      { period: '2024-01', returnPct: expect.closeTo((99 / 105 - 1) * 100, 10) },
      { period: '2024-02', returnPct: expect.closeTo((132 / 99 - 1) * 100, 10) },
    ]);
    expect(yearlyReturns(dates, values)).toEqual([
      { period: '2023', returnPct: expect.closeTo(5, 10) },
      { period: '2024', returnPct: expect.closeTo((132 / 105 - 1) * 100, 10) },
    ]);
  });
});

describe('trade statistics', () => {
  const trade = (pnl: number, returnPct: number, durationDays: number) => ({ pnl, returnPct, durationDays }) as Trade;
  it('count wins after costs, profit factor and expectancy', () => {
    const stats = tradeStats([trade(300, 3, 10), trade(-100, -1, 4), trade(-50, -0.5, 1), trade(150, 1.5, 5)]);
    expect(stats).toMatchObject({
      trades: 4, winRatePct: 50, bestTradePct: 3, worstTradePct: -1, averageTradePct: 0.75, averageTradeDays: 5,
      profitFactor: 3, expectancy: 75,
    });
    expect(tradeStats([]).winRatePct).toBeNaN();
    expect(tradeStats([trade(10, 1, 1)]).profitFactor).toBe(Infinity);
  });
});

describe('correlation matrix', () => {
  it('is 1 on the diagonal and -1 for mirrored returns on the shared dates', () => {
    const a = seriesFrom('A', [[1, 1, 1, 100], [1, 1, 1, 110], [1, 1, 1, 99], [1, 1, 1, 105]]);
    const b = seriesFrom('B', [[1, 1, 1, 100], [1, 1, 1, 90], [1, 1, 1, 99], [1, 1, 1, 93.3]]);
    const { matrix } = correlationMatrix([a, b]);
    expect(matrix[0][0]).toBeCloseTo(1, 12);
    expect(matrix[0][1]).toBeCloseTo(-1, 3);
    expect(matrix[1][0]).toBe(matrix[0][1]);
  });
});

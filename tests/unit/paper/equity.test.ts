import { describe, expect, it } from 'vitest';
import { equityHistory, fillOrder, paperMetrics, type PaperOrder } from '../../../src/core/paper';

const costs = { commission: 0.001, slippage: 0.0005 };
const order = (o: Omit<PaperOrder, 'source'>, n: number) => fillOrder({ ...o, source: 'signal' }, 'p', costs, `t${n}`, `${o.date}T10:00:00Z`);
const trades = [
  order({ symbol: 'AAA', side: 'buy', quantity: 10, marketPrice: 100, date: '2024-01-02' }, 1),
  order({ symbol: 'AAA', side: 'buy', quantity: 10, marketPrice: 110, date: '2024-01-03' }, 2),
  order({ symbol: 'AAA', side: 'sell', quantity: 5, marketPrice: 120, date: '2024-01-04' }, 3),
];
const closes = new Map([['AAA', { dates: ['2023-12-29', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'], close: [99, 101, 111, 121, 125] }]]);

describe('paper equity history and metrics', () => {
  const history = equityHistory(10_000, trades, closes);

  it('marks the replayed journal at each close from the first trade on', () => {
    expect(history.dates).toEqual(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05']);
    // cash after each day's trades + shares x close (hand-worked in ledger.test.ts)
    const expected = [8998.4995 + 10 * 101, 7896.84895 + 20 * 111, 8495.94925 + 15 * 121, 8495.94925 + 15 * 125];
    expected.forEach((value, i) => expect(history.equity[i]).toBeCloseTo(value, 8));
  });

  it('computes return, Sharpe and max drawdown by their definitions', () => {
    const m = paperMetrics(history, 10_000);
    expect(m.totalReturn).toBeCloseTo(0.037094925, 12);
    const e = [...history.equity];
    const r = e.slice(1).map((v, i) => v / e[i] - 1);
    const mu = r.reduce((a, b) => a + b) / r.length;
    const sd = Math.sqrt(r.reduce((a, b) => a + (b - mu) ** 2, 0) / (r.length - 1));
    expect(m.sharpe).toBeCloseTo((mu / sd) * Math.sqrt(252), 10);
    expect(m.maxDrawdown).toBe(0); // equity rose every day
    expect(Number.isNaN(m.beta)).toBe(true); // no benchmark chosen
  });

  it('finds the drawdown and a beta of exactly 1 against a benchmark moving with the equity', () => {
    const dip = equityHistory(10_000, trades, new Map([['AAA', { dates: ['2024-01-02', '2024-01-03', '2024-01-04'], close: [101, 90, 121] }]]));
    // peak 10008.4995 on day 1, then 7896.84895 + 20*90 = 9696.84895
    const m = paperMetrics(dip, 10_000, { dates: dip.dates, close: Array.from(dip.equity, (v) => v * 3) });
    expect(m.maxDrawdown).toBeCloseTo(9696.84895 / 10008.4995 - 1, 12);
    expect(m.beta).toBeCloseTo(1, 12);
  });

  it('carries the last close over dates a symbol has no bar', () => {
    const gappy = new Map([
      ['AAA', { dates: ['2024-01-02', '2024-01-04'], close: [101, 121] }],
      ['BBB', { dates: ['2024-01-02', '2024-01-03', '2024-01-04'], close: [5, 5, 5] }],
    ]);
    const h = equityHistory(10_000, trades.slice(0, 1), gappy);
    expect(h.dates).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
    expect(h.equity[1]).toBeCloseTo(8998.4995 + 10 * 101, 8);
  });
});

import { describe, expect, it } from 'vitest';
import { fillOrder, replayTrades, applyTrade, emptyLedger, valuePortfolio, TradeRejectedError, type PaperTrade, type PaperOrder } from '../../../src/core/paper';

const costs = { commission: 0.001, slippage: 0.0005 };
let seq = 0;
function trade(order: Omit<PaperOrder, 'source'>): PaperTrade {
  seq += 1;
  return fillOrder({ ...order, source: 'manual' }, 'p1', costs, `t${String(seq).padStart(4, '0')}`, `${order.date}T12:00:00.000Z`);
}

// Hand-worked journal (10,000 start, 0.1% commission, 0.05% slippage), with the backtest's accounting
// (average price without commissions; every commission realised when paid, docs/backtest.md "Accounting"):
//  buy 10 @ 100 -> fill 100.05, value 1000.5, commission 1.0005, cash 8998.4995, avg 100.05, realized -1.0005
//  buy 10 @ 110 -> fill 110.055, value 1100.55, commission 1.10055; avg 2101.05 / 20 = 105.0525, realized -2.10105
//  sell 5 @ 120 -> fill 119.94, value 599.7, commission 0.5997; realized -2.10105 + 5*(119.94-105.0525) - 0.5997 = 71.73675
const journal = [
  trade({ symbol: 'AAA', side: 'buy', quantity: 10, marketPrice: 100, date: '2024-01-02' }),
  trade({ symbol: 'AAA', side: 'buy', quantity: 10, marketPrice: 110, date: '2024-01-03' }),
  trade({ symbol: 'AAA', side: 'sell', quantity: 5, marketPrice: 120, date: '2024-01-04' }),
];

describe('paper ledger', () => {
  it('fills with slippage against the trader and commission on the traded value', () => {
    expect(journal[0].price).toBeCloseTo(100.05, 10);
    expect(journal[0].commission).toBeCloseTo(1.0005, 10);
    expect(journal[2].price).toBeCloseTo(119.94, 10);
    expect(journal[2].commission).toBeCloseTo(0.5997, 10);
  });

  it('keeps average cost (fill prices, without commissions), realized P&L (commissions included when paid) and cash by hand-worked numbers', () => {
    const afterFirst = replayTrades(10_000, journal.slice(0, 1));
    expect(afterFirst.holdings.get('AAA')!.averageCost).toBeCloseTo(100.05, 9);
    expect(afterFirst.realizedPnl).toBeCloseTo(-1.0005, 9);
    expect(afterFirst.cash).toBeCloseTo(8998.4995, 9);

    const state = replayTrades(10_000, journal);
    const aaa = state.holdings.get('AAA')!;
    expect(aaa.quantity).toBe(15);
    expect(aaa.averageCost).toBeCloseTo(105.0525, 9);
    expect(state.realizedPnl).toBeCloseTo(71.73675, 9);
    expect(state.cash).toBeCloseTo(8495.94925, 9);
    expect(state.commissionsPaid).toBeCloseTo(2.70075, 9);
  });

  it('replays in date order whatever the stored order', () => {
    const shuffled = [journal[2], journal[0], journal[1]];
    expect(replayTrades(10_000, shuffled).cash).toBeCloseTo(8495.94925, 9);
  });

  it('values positions at the last price: unrealized P&L, weights, equity', () => {
    const v = valuePortfolio(replayTrades(10_000, journal), 10_000, new Map([['AAA', 125]]));
    const [row] = v.positions;
    expect(row.marketValue).toBeCloseTo(1875, 9);
    expect(row.unrealizedPnl).toBeCloseTo(15 * (125 - 105.0525), 9); // 299.2125
    expect(v.equity).toBeCloseTo(10_370.94925, 9);
    expect(row.weight).toBeCloseTo(1875 / 10_370.94925, 12);
    expect(v.cashWeight + row.weight).toBeCloseTo(1, 12);
    expect(v.totalReturn).toBeCloseTo(0.037094925, 12);
    // The accounting identity the cost-basis convention guarantees.
    expect(10_000 + v.realizedPnl + v.unrealizedPnl).toBeCloseTo(v.equity, 9);
  });

  it('rejects selling more than held and buying beyond the cash, leaving the state untouched', () => {
    const state = replayTrades(10_000, journal);
    const before = { cash: state.cash, qty: state.holdings.get('AAA')!.quantity };
    expect(() => applyTrade(state, trade({ symbol: 'AAA', side: 'sell', quantity: 16, marketPrice: 120, date: '2024-01-05' }))).toThrow(/only 15 held/);
    expect(() => applyTrade(state, trade({ symbol: 'BBB', side: 'buy', quantity: 100, marketPrice: 100, date: '2024-01-05' }))).toThrow(TradeRejectedError);
    expect(state.cash).toBe(before.cash);
    expect(state.holdings.get('AAA')!.quantity).toBe(before.qty);
    expect(state.holdings.has('BBB')).toBe(false);
  });

  it('closes a position completely and keeps its realized P&L', () => {
    const state = emptyLedger(1000);
    applyTrade(state, trade({ symbol: 'X', side: 'buy', quantity: 2, marketPrice: 50, date: '2024-02-01' }));
    applyTrade(state, trade({ symbol: 'X', side: 'sell', quantity: 2, marketPrice: 50, date: '2024-02-02' }));
    // A round trip at an unchanged quote loses exactly the slippage and both commissions.
    const buyCost = 2 * 50.025 * 1.001;
    const sellProceeds = 2 * 49.975 * 0.999;
    expect(state.realizedPnl).toBeCloseTo(sellProceeds - buyCost, 10);
    expect(state.cash).toBeCloseTo(1000 + sellProceeds - buyCost, 10);
    const v = valuePortfolio(state, 1000, new Map());
    expect(v.positions[0].quantity).toBe(0);
    expect(v.marketValue).toBe(0);
  });
});

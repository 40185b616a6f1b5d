import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src/core/backtest/engine';
import { CancelledError } from '../../../src/core/jobs/progress';
import { seriesFrom, scripted } from './helpers';

// Five hand-worked bars (open, high, low, close), 2024-01-01 .. 2024-01-05.
const bars: [number, number, number, number][] = [
  [100, 101, 99, 100],
  [102, 103, 101, 102],
  [104, 106, 103, 105],
  [103, 104, 98, 99],
  [100, 101, 97, 98],
];
const costs = { capital: 10_000, commission: 0.01, slippage: 0.01 };

describe('backtest engine on a hand-worked 5-bar series', () => {
  it('fills at the next open with slippage and commission, whole shares', async () => {
    const series = seriesFrom('X', bars);
    const strategy = scripted({ '2024-01-01': [{ symbol: 'X', signal: 'buy', targetWeight: 1 }], '2024-01-03': [{ symbol: 'X', signal: 'sell', targetWeight: 0 }] });
    const result = await runBacktest({ universe: [series] }, strategy, { ...costs, wholeShares: true });
    // Buy on 01-02 at 102 * 1.01 = 103.02; 10000 / (103.02 * 1.01) = 96.1 -> 96 shares;
    // cost 9889.92, commission 98.8992, cash left 11.1808.
    // Sell on 01-04 at 103 * 0.99 = 101.97: proceeds 9789.12, commission 97.8912 -> cash 9702.4096.
    expect(result.fills.map((f) => [f.date, f.side, f.quantity, f.price, f.commission])).toEqual([
      ['2024-01-02', 'buy', 96, expect.closeTo(103.02, 10), expect.closeTo(98.8992, 9)],
      ['2024-01-04', 'sell', 96, expect.closeTo(101.97, 10), expect.closeTo(97.8912, 9)],
    ]);
    const expected = [10_000, 11.1808 + 96 * 102, 11.1808 + 96 * 105, 9702.4096, 9702.4096];
    expected.forEach((v, i) => expect(result.equity[i]).toBeCloseTo(v, 8));
    expect(result.trades).toHaveLength(1);
    const trade = result.trades[0];
    // gross 96 * (101.97 - 103.02) = -100.8; fees 196.7904; pnl -297.5904 on an entry value of 9889.92.
    expect(trade.pnl).toBeCloseTo(-297.5904, 8);
    expect(trade.returnPct).toBeCloseTo((-297.5904 / 9889.92) * 100, 10);
    expect(trade.commission).toBeCloseTo(196.7904, 8);
    expect(trade.durationDays).toBe(2);
    expect(trade.entryNote).toBe('script 2024-01-01');
    expect(result.realizedPnl).toBeCloseTo(-297.5904, 8);
    expect(result.unrealizedPnl).toBe(0);
    expect(result.openTrades).toHaveLength(0);
  });

  it('commits all equity with fractional shares (cash ends at zero)', async () => {
    const strategy = scripted({ '2024-01-01': [{ symbol: 'X', signal: 'buy', targetWeight: 1 }] });
    const result = await runBacktest({ universe: [seriesFrom('X', bars)] }, strategy, costs);
    const shares = 10_000 / (103.02 * 1.01);
    expect(result.fills[0].quantity).toBeCloseTo(shares, 10);
    expect(result.cash[1]).toBeCloseTo(0, 8);
    expect(result.equity[4]).toBeCloseTo(shares * 98, 8);
    // The open position: unrealized = shares * (98 - 103.02); realized = -entry commission.
    expect(result.unrealizedPnl).toBeCloseTo(shares * (98 - 103.02), 8);
    expect(result.realizedPnl).toBeCloseTo(-shares * 103.02 * 0.01, 8);
    expect(result.realizedPnl + result.unrealizedPnl).toBeCloseTo(result.equity[4] - 10_000, 8);
    expect(result.openTrades).toHaveLength(1);
    expect(result.openTrades[0].exitReason).toBe('open');
  });

  it('exits at the stop level inside the bar, and at the open when the bar gaps through it', async () => {
    const inside = await runBacktest({ universe: [seriesFrom('X', bars)] },
      scripted({ '2024-01-01': [{ symbol: 'X', signal: 'buy', targetWeight: 1, stopLoss: 100 }] }), { ...costs, wholeShares: true });
    // 01-04: open 103 > 100 but low 98 <= 100 -> sells at 100 * 0.99 = 99.
    expect(inside.fills[1]).toMatchObject({ date: '2024-01-04', side: 'sell', referencePrice: 100, reason: 'stop-loss' });
    expect(inside.fills[1].price).toBeCloseTo(99, 10);
    expect(inside.trades[0].exitReason).toBe('stop-loss');

    const gapOpen = await runBacktest({ universe: [seriesFrom('X', bars)] },
      scripted({ '2024-01-03': [{ symbol: 'X', signal: 'buy', targetWeight: 1, stopLoss: 103.5 }] }), { ...costs, wholeShares: true });
    // Entered 01-04 at open 103, already below the 103.5 stop: exits at that same open.
    expect(gapOpen.fills.map((f) => [f.date, f.side, f.referencePrice, f.reason])).toEqual([
      ['2024-01-04', 'buy', 103, 'signal'],
      ['2024-01-04', 'sell', 103, 'stop-loss'],
    ]);
  });

  it('takes profit at the target level', async () => {
    const result = await runBacktest({ universe: [seriesFrom('X', bars)] },
      scripted({ '2024-01-01': [{ symbol: 'X', signal: 'buy', targetWeight: 1, takeProfit: 105.5 }] }), costs);
    expect(result.fills[1]).toMatchObject({ date: '2024-01-03', referencePrice: 105.5, reason: 'take-profit' });
    expect(result.fills[1].price).toBeCloseTo(105.5 * 0.99, 10);
  });

  it('shorts only when allowed and books short P&L with the sign reversed', async () => {
    const script = { '2024-01-03': [{ symbol: 'X', signal: 'sell' as const, targetWeight: -1 }] };
    const longOnly = await runBacktest({ universe: [seriesFrom('X', bars)] }, scripted(script), costs);
    expect(longOnly.fills).toHaveLength(0);

    const short = await runBacktest({ universe: [seriesFrom('X', bars)] }, scripted(script), { ...costs, allowShort: true });
    // Short on 01-04 at 103 * 0.99 = 101.97 for 10000 / 101.97 shares; commission 1% of 10000 = 100.
    const shares = 10_000 / 101.97;
    expect(short.fills[0].quantity).toBeCloseTo(shares, 10);
    expect(short.cash[3]).toBeCloseTo(10_000 + 10_000 - 100, 8);
    expect(short.equity[4]).toBeCloseTo(19_900 - shares * 98, 8);
    expect(short.unrealizedPnl).toBeCloseTo(shares * (101.97 - 98), 8);
  });

  it('charges shorts a borrow fee on the previous close value over the calendar days held (actual/365)', async () => {
    // Friday 01-05 is followed by Monday 01-08: a short held over the weekend pays for 3 nights.
    const dates = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];
    const run = (borrowRate?: number) => runBacktest({ universe: [seriesFrom('X', bars, dates[0], dates)] },
      scripted({ '2024-01-04': [{ symbol: 'X', signal: 'sell', targetWeight: -1 }] }), { ...costs, allowShort: true, borrowRate });
    const short = await run(0.365);
    // Sold short on 01-05 at 103 * 0.99 = 101.97 for 10000 / 101.97 shares, marked at that day's close 99.
    const shares = 10_000 / 101.97;
    expect(short.fills[0]).toMatchObject({ date: '2024-01-05', side: 'sell', price: expect.closeTo(101.97, 10) });
    // Fee for 01-05 -> 01-08: shares * 99 * 0.365 * 3 / 365 = shares * 0.297.
    const fee = shares * 0.297;
    expect(short.borrowPaid).toBeCloseTo(fee, 9);
    expect(short.cash[4]).toBeCloseTo(10_000 + 10_000 - 100 - fee, 8);
    expect(short.openTrades[0].borrowCost).toBeCloseTo(fee, 9);
    expect(short.openTrades[0].pnl).toBeCloseTo(shares * (101.97 - 98) - 100 - fee, 8);
    expect(short.realizedPnl + short.unrealizedPnl).toBeCloseTo(short.equity[4] - 10_000, 8);

    const free = await run(undefined); // the default: no fee
    expect(free.borrowPaid).toBe(0);
    expect(free.equity[4] - short.equity[4]).toBeCloseTo(fee, 8);
  });

  it('keeps an order until the symbol has a price, and lets late starters join', async () => {
    const a = seriesFrom('A', bars);
    // B has no bar on 01-02 and starts on 01-01... B starts on 01-03 only.
    const b = seriesFrom('B', bars.slice(2), '2024-01-03');
    const gapped = seriesFrom('C', [bars[0], bars[2], bars[3]], '2024-01-01', ['2024-01-01', '2024-01-03', '2024-01-04']);
    const seen: string[][] = [];
    const strategy = {
      name: 'probe',
      decide(ctx: import('../../../src/core/strategy/types').DecisionContext) {
        seen.push(ctx.symbols.map((s) => `${s.symbol}:${s.last}${s.hasBar ? '' : '-'}`));
        return ctx.date === '2024-01-01' ? [{ symbol: 'C', signal: 'buy' as const, targetWeight: 0.5, reason: 'r' }] : [];
      },
    };
    const result = await runBacktest({ universe: [a, b, gapped] }, strategy, costs);
    expect(seen).toEqual([['A:0', 'C:0'], ['A:1', 'C:0-'], ['A:2', 'B:0', 'C:1'], ['A:3', 'B:1', 'C:2']]);
    // C has no bar on 01-02: its order fills at its next open, 01-03 (open 104).
    expect(result.fills).toHaveLength(1);
    expect(result.fills[0]).toMatchObject({ date: '2024-01-03', symbol: 'C', referencePrice: 104 });
    expect(result.fills[0].quantity).toBeCloseTo((0.5 * 10_000) / (104 * 1.01), 10);
  });

  it('reports progress and stops with CancelledError when cancelled', async () => {
    const controller = new AbortController();
    const events: string[] = [];
    const slow = {
      name: 'slow',
      decide(ctx: { date: string }) {
        const until = performance.now() + 60; // long enough for the 50 ms checkpoint to yield
        while (performance.now() < until);
        if (ctx.date === '2024-01-02') controller.abort();
        return [];
      },
    };
    const run = runBacktest({ universe: [seriesFrom('X', bars)] }, slow, costs, {
      signal: controller.signal,
      onProgress: (e) => events.push(e.status === 'progress' ? `progress ${e.done}/${e.total}` : e.status),
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(events).toEqual(['start', 'progress 1/5']);
  });
});

import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src/core/backtest/engine';
import { fixedWeight, fixedWeightStrategy, parseWeights, type FixedWeightSettings } from '../../../src/core/strategy/fixed-weight';
import { seriesFrom } from '../backtest/helpers';

/*
 * Two symbols over seven trading dates spanning three months, open / close per bar (high = max, low = min):
 *
 *   date         A open  A close   B open  B close
 *   2024-01-30     10      10        20      20
 *   2024-01-31     10      12        20      20
 *   2024-02-01     12      12        20      20
 *   2024-02-02     12      15        20      10
 *   2024-03-01     15      15        10      10
 *   2024-03-04     15      15        10      10
 *   2024-03-05     15      18        10      11
 *
 * Weights A:50, B:50, capital 1000, no commission or slippage, fractional shares, the engine asked daily.
 * Every decision is taken at a close and fills at the next open.
 *
 * monthly:
 *   01-30 close: first decision -> 50/50.  01-31 open, equity 1000: A 500/10 = 50 sh, B 500/20 = 25 sh.
 *   01-31 close: 50*12 + 25*20 = 1100 (January: no rebalance).
 *   02-01 close: 1100; first decision of February -> rebalance. 02-02 open: A 12, B 20, equity 1100:
 *                A 550/12 = 45.8333 sh (sell 4.1667), B 550/20 = 27.5 sh (buy 2.5).
 *   02-02 close: 45.8333*15 + 27.5*10 = 687.5 + 275 = 962.5.
 *   03-01 close: 962.5; first decision of March -> rebalance. 03-04 open: A 15, B 10, equity 962.5:
 *                A 481.25/15 = 32.0833 sh (sell 13.75), B 481.25/10 = 48.125 sh (buy 20.625).
 *   03-05 close: 32.0833*18 + 48.125*11 = 577.5 + 529.375 = 1106.875.
 * never: 50 A and 25 B bought on 01-31, held: 50*18 + 25*11 = 1175.
 * drift, band 5 pp:
 *   01-31 close: A 600/1100 = 54.55%, 4.55 pp from 50: inside the band. 02-01 the same.
 *   02-02 close: A 750/1000 = 75%: 25 pp off -> rebalance. 03-01 open: A 15, B 10, equity 750 + 250 = 1000:
 *                A 500/15 = 33.3333 sh (sell 16.6667), B 500/10 = 50 sh (buy 25).
 *   03-01 and 03-04 closes: A 33.3333*15 = 500, B 500: on target.
 *   03-05 close: 33.3333*18 + 50*11 = 600 + 550 = 1150.
 */
const dates = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2024-03-01', '2024-03-04', '2024-03-05'];
const bar = (open: number, close: number): [number, number, number, number] => [open, Math.max(open, close), Math.min(open, close), close];
const universe = () => [
  seriesFrom('A', [bar(10, 10), bar(10, 12), bar(12, 12), bar(12, 15), bar(15, 15), bar(15, 15), bar(15, 18)], dates[0], dates),
  seriesFrom('B', [bar(20, 20), bar(20, 20), bar(20, 20), bar(20, 10), bar(10, 10), bar(10, 10), bar(10, 11)], dates[0], dates),
];
const frictionless = { capital: 1000, commission: 0, slippage: 0 };

async function backtest(settings: Partial<FixedWeightSettings>, config = {}) {
  const result = await runBacktest({ universe: universe() }, fixedWeight({ weights: 'A:50,B:50', ...settings }), { ...frictionless, ...config });
  const fills = result.fills.map((f) => [f.date, f.symbol, f.side, f.quantity]);
  return { result, fills, final: result.equity[result.equity.length - 1] };
}

const close = (x: number) => expect.closeTo(x, 9);

describe('fixed-weight portfolio: hand-worked two-symbol example', () => {
  it('monthly: rebalances at the first decision of each new month, filled at the next open', async () => {
    const { result, fills, final } = await backtest({ rebalanceRule: 'monthly' });
    expect(fills).toEqual([
      ['2024-01-31', 'A', 'buy', close(50)], ['2024-01-31', 'B', 'buy', close(25)],
      ['2024-02-02', 'A', 'sell', close(4.1666666667)], ['2024-02-02', 'B', 'buy', close(2.5)],
      ['2024-03-04', 'A', 'sell', close(13.75)], ['2024-03-04', 'B', 'buy', close(20.625)],
    ]);
    expect(Array.from(result.equity)).toEqual([1000, 1100, 1100, 962.5, 962.5, 962.5, 1106.875].map(close));
    expect(final).toBeCloseTo(1106.875, 9);
  });

  it('never: buys the initial mix and holds it (buy and hold of the weights)', async () => {
    const { fills, final } = await backtest({ rebalanceRule: 'never' });
    expect(fills).toEqual([['2024-01-31', 'A', 'buy', close(50)], ['2024-01-31', 'B', 'buy', close(25)]]);
    expect(final).toBeCloseTo(1175, 9);
  });

  it('drift band: rebalances only when a weight leaves the band', async () => {
    const { fills, final } = await backtest({ rebalanceRule: 'drift', driftBand: 5 });
    expect(fills).toEqual([
      ['2024-01-31', 'A', 'buy', close(50)], ['2024-01-31', 'B', 'buy', close(25)],
      ['2024-03-01', 'A', 'sell', close(16.6666666667)], ['2024-03-01', 'B', 'buy', close(25)],
    ]);
    expect(final).toBeCloseTo(1150, 9);
    // A band wider than the 25 pp drift never trades again: the same as 'never'.
    expect((await backtest({ rebalanceRule: 'drift', driftBand: 30 })).final).toBeCloseTo(1175, 9);
  });

  it('keeps the cash share in cash and follows the whole-shares rule', async () => {
    // A:30 only: 01-31 open, 300/10 = 30 sh; 700 cash. With whole shares and A:33, 330/10 = 33 sh, 670 cash.
    const partial = await backtest({ weights: 'A:30', rebalanceRule: 'never' });
    expect(partial.fills).toEqual([['2024-01-31', 'A', 'buy', close(30)]]);
    expect(partial.final).toBeCloseTo(700 + 30 * 18, 9);
    const whole = await backtest({ weights: 'A:33.3', rebalanceRule: 'never' }, { wholeShares: true });
    expect(whole.fills).toEqual([['2024-01-31', 'A', 'buy', 33]]);
    expect(whole.final).toBeCloseTo(670 + 33 * 18, 9);
  });

  it('measures drift on the symbols priced today: data that has ended does not ask for a rebalance every day', async () => {
    // B's data ends on 02-01. 02-02 close: A 50*15 = 750, B still marked 25*20 = 500, equity 1250: A at 60%, 10 pp off
    // -> rebalance. 03-01 open: A 15, equity 1250: A 625/15 = 41.6667 sh (sell 8.3333, cash 125); B's order waits for
    // a bar that never comes. From then on A is on target and B (40%, unpriced) is not measured: no more decisions.
    // 03-05 close: 41.6667*18 + 500 + 125 = 1375.
    const [a] = universe();
    const ended = seriesFrom('B', [bar(20, 20), bar(20, 20), bar(20, 20)], dates[0], dates.slice(0, 3));
    const result = await runBacktest({ universe: [a, ended] }, fixedWeight({ weights: 'A:50,B:50', rebalanceRule: 'drift', driftBand: 5 }), frictionless);
    expect(result.fills.map((f) => [f.date, f.symbol, f.side, f.quantity])).toEqual([
      ['2024-01-31', 'A', 'buy', close(50)], ['2024-01-31', 'B', 'buy', close(25)], ['2024-03-01', 'A', 'sell', close(8.3333333333)],
    ]);
    expect([...new Set(result.signals.map((s) => s.date))]).toEqual(['2024-01-30', '2024-02-02']);
    expect(result.equity[result.equity.length - 1]).toBeCloseTo(1375, 9);
  });

  it('gives equal weights when none are given', async () => {
    const { fills } = await backtest({ weights: '', rebalanceRule: 'never' });
    expect(fills).toEqual([['2024-01-31', 'A', 'buy', close(50)], ['2024-01-31', 'B', 'buy', close(25)]]);
  });
});

describe('fixed-weight portfolio: weights are checked', () => {
  it('reads SYMBOL:PERCENT lists', () => {
    expect([...parseWeights(' SPX : 60 , AAPL:40% ').weights]).toEqual([['SPX', 0.6], ['AAPL', 0.4]]);
    expect(parseWeights('').weights.size).toBe(0);
  });

  it.each([
    ['SPX:60,AAPL:50', 'fixed-weight.weights: weights add up to 110%, more than 100% (the rest of 100% stays in cash)'],
    ['SPX:-5', 'fixed-weight.weights: weight of SPX is negative (-5%)'],
    ['SPX', 'fixed-weight.weights: weight "SPX" is not SYMBOL:PERCENT'],
    ['SPX:abc', 'fixed-weight.weights: weight "SPX:abc" is not SYMBOL:PERCENT'],
    ['SPX:10,SPX:20', 'fixed-weight.weights: SPX is given twice'],
  ])('refuses %s', (weights, message) => {
    expect(() => fixedWeightStrategy.resolve({ weights })).toThrow(message);
  });

  it('refuses a rule or band out of range', () => {
    expect(() => fixedWeightStrategy.resolve({ rebalanceRule: 'weekly' })).toThrow(/fixed-weight\.rebalanceRule/);
    expect(() => fixedWeightStrategy.resolve({ driftBand: 0 })).toThrow(/fixed-weight\.driftBand: expected a number >= 0\.1/);
  });

  it('refuses a symbol that is not in the backtest, before any trade', async () => {
    await expect(runBacktest({ universe: universe() }, fixedWeight({ weights: 'A:50,MSFT:50' }), frictionless))
      .rejects.toThrow('fixed-weight: weights name MSFT, not in this backtest (symbols: A, B)');
  });
});

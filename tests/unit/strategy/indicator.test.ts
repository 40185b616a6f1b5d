/** ctx.indicator: the value at the decision date's bar, computed once, never from later bars. */
import { describe, expect, it } from 'vitest';
import { runBacktest, truncate } from '../../../src/core/backtest/engine';
import { rsi, sma } from '../../../src/core/indicators';
import type { DecisionContext, Strategy } from '../../../src/core/strategy/types';
import { randomWalk } from '../backtest/helpers';

/** Records what ctx.indicator returned on each decision date, and trades on it. */
function recorder(seen: Map<string, number[]>, fn = sma, period = 10): Strategy {
  return {
    name: 'recorder',
    decide(ctx: DecisionContext) {
      const values = ctx.symbols.map((st) => ctx.indicator(st.symbol, fn, 'close', period));
      seen.set(ctx.date, values);
      return ctx.symbols.flatMap((st, i) => {
        const close = ctx.history(st.symbol).close[st.last];
        return Number.isNaN(values[i]) ? [] : [{ symbol: st.symbol, signal: 'buy' as const, targetWeight: close > values[i] ? 0.5 : 0, reason: 'close vs SMA' }];
      });
    },
  };
}

describe('ctx.indicator', () => {
  const universe = [randomWalk('A', 300, 7), randomWalk('B', 300, 11)];

  it("returns the indicator at the symbol's bar of the decision date (hand-computed mean of the last 10 closes)", async () => {
    const seen = new Map<string, number[]>();
    await runBacktest({ universe }, recorder(seen), {});
    const dates = universe[0].dates;
    for (const t of [8, 9, 10, 150, 298]) {
      const close = universe[1].close;
      const expected = t < 9 ? NaN : Array.from(close.subarray(t - 9, t + 1)).reduce((a, b) => a + b, 0) / 10;
      if (t < 9) expect(seen.get(dates[t])![1]).toBeNaN();
      else expect(seen.get(dates[t])![1]).toBeCloseTo(expected, 10);
    }
  });

  it('computes each line once per series and arguments', async () => {
    let calls = 0;
    const counted = (values: Float64Array, period: number) => (calls++, sma(values, period));
    await runBacktest({ universe }, recorder(new Map(), counted as typeof sma), {});
    expect(calls).toBe(2 * 2); // per symbol: the whole line, plus one causality check on the bars seen so far
  });

  it('is prefix-invariant: a run cut at a date sees exactly the same values up to that date', async () => {
    const full = new Map<string, number[]>();
    const cut = new Map<string, number[]>();
    const fullRun = await runBacktest({ universe }, recorder(full, rsi, 14), {});
    const cutRun = await runBacktest({ universe: universe.map((s) => truncate(s, 180)) }, recorder(cut, rsi, 14), {});
    expect(cut.size).toBeGreaterThan(150);
    for (const [date, values] of cut) expect(full.get(date), date).toEqual(values);
    const before = (trades: { entryDate: string }[]) => trades.filter((t) => t.entryDate < universe[0].dates[170]).length;
    expect(before(cutRun.trades)).toBe(before(fullRun.trades));
  });

  it('refuses a function that looks ahead, naming it, the symbol and the date', async () => {
    const demeaned = (values: Float64Array) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return values.map((v) => v - mean);
    };
    const strategy: Strategy = { name: 'peek', decide: (ctx) => (ctx.symbols.forEach((st) => ctx.indicator(st.symbol, demeaned, 'close')), []) };
    await expect(runBacktest({ universe }, strategy, {})).rejects.toThrow(/indicator demeaned looks ahead: on A, its value at 2000-01-03 changes/);
  });
});

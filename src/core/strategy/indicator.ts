/**
 * `ctx.indicator(symbol, fn, column, ...args)`: an indicator's value at the symbol's current bar, in the
 * spirit of backtesting.py's `self.I()`. The whole line is computed once per (symbol, fn, column, args)
 * and then read at the decision date's bar, so a strategy need not index with `st.last` by hand.
 *
 * Reading a line computed over the whole history is only safe for causal indicators (the value at bar i
 * uses bars <= i, as every function in core/indicators). The first time a line is read it is therefore
 * also computed on the bars seen so far; if the two disagree anywhere up to that bar, the function looks
 * ahead (a centred average, a full-sample normalisation) and the call throws instead of leaking the future.
 */
import type { PriceSeries } from '../data/types';

export type PriceColumn = 'open' | 'high' | 'low' | 'close' | 'volume';

/** A causal indicator over one column: same length as its input, warm-up bars NaN. */
export type IndicatorFunction<A extends unknown[]> = (values: Float64Array, ...args: A) => Float64Array;

export type IndicatorReader = <A extends unknown[]>(symbol: string, fn: IndicatorFunction<A>, column: PriceColumn, ...args: A) => number;

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/**
 * The reader for a backtest over `universe`; `lastBar(slot)` is the index of a symbol's bar on or before
 * the decision date (its "today").
 */
export function indicatorReader(universe: readonly PriceSeries[], lastBar: (slot: number) => number): IndicatorReader {
  const slotOf = new Map(universe.map((s, slot) => [s.symbol, slot]));
  const lines = new Map<Function, Map<string, Float64Array>>();
  return (symbol, fn, column, ...args) => {
    const slot = slotOf.get(symbol);
    if (slot === undefined) throw new RangeError(`unknown symbol "${symbol}"`);
    const t = lastBar(slot);
    if (t < 0) return NaN;
    let byKey = lines.get(fn);
    if (!byKey) lines.set(fn, (byKey = new Map()));
    const key = `${slot}|${column}|${JSON.stringify(args)}`;
    let line = byKey.get(key);
    if (!line) {
      const values = universe[slot][column];
      line = fn(values, ...args);
      const seen = fn(values.slice(0, t + 1), ...args);
      for (let i = 0; i <= t; i++) {
        if (!same(line[i], seen[i])) {
          throw new RangeError(`indicator ${fn.name || '(anonymous)'} looks ahead: on ${symbol}, its value at ${universe[slot].dates[i]} changes once later bars are known (ctx.indicator needs a causal function)`);
        }
      }
      byKey.set(key, line);
    }
    return line[t];
  };
}

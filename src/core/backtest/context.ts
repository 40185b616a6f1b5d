/**
 * What the strategy sees on a decision date (DecisionContext, ../strategy/types.ts), read from the run's
 * state: bars up to today's close only, so a strategy can never trade on a price it has not seen.
 */
import type { PriceSeries } from '../data/types';
import { indicatorReader } from '../strategy/indicator';
import type { DecisionContext, PositionView } from '../strategy/types';
import type { RunState } from './run-state';

/** The context of `state`'s run; its date, symbols and equity follow the state as the run moves on. */
export function decisionContext(state: RunState, signal?: AbortSignal): DecisionContext {
  // History views are cut once per symbol and date.
  const historyCache = new Map<string, PriceSeries>();
  let cachedOn = '';
  return {
    get date() { return state.date; },
    get symbols() { return state.active; },
    universeSize: state.universe.length,
    get equity() { return state.equity; },
    allowShort: state.config.allowShort,
    signal,
    position(symbol: string): PositionView {
      const p = state.portfolio.positions.get(symbol);
      if (!p || p.quantity === 0) return { quantity: 0, weight: 0, averageCost: 0 };
      return { quantity: p.quantity, weight: (p.quantity * p.markPrice) / state.equity, averageCost: p.averageCost };
    },
    indicator: indicatorReader(state.universe, (slot) => state.symbols[slot].last),
    history(symbol: string): PriceSeries {
      if (cachedOn !== state.date) {
        historyCache.clear();
        cachedOn = state.date;
      }
      let view = historyCache.get(symbol);
      if (!view) {
        const slot = state.slotOf.get(symbol);
        if (slot === undefined) throw new RangeError(`unknown symbol "${symbol}"`);
        view = truncate(state.universe[slot], state.symbols[slot].last + 1);
        historyCache.set(symbol, view);
      }
      return view;
    },
  };
}

/** The first `length` bars as views (no copy of the price arrays). */
export function truncate(series: PriceSeries, length: number): PriceSeries {
  const view: PriceSeries = {
    symbol: series.symbol,
    dates: series.dates.slice(0, length),
    open: series.open.subarray(0, length),
    high: series.high.subarray(0, length),
    low: series.low.subarray(0, length),
    close: series.close.subarray(0, length),
    volume: series.volume.subarray(0, length),
  };
  if (series.adjClose) view.adjClose = series.adjClose.subarray(0, length);
  return view;
}

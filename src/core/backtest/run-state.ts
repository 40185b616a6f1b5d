/**
 * Everything one backtest run changes as it walks the calendar, in one typed object that engine.ts passes
 * to each step (orders, fills, stops, marking, accounting) instead of the steps sharing loose variables.
 *
 * The bar index is kept once: `symbols[slot].last`, the index of the symbol's latest bar on or before
 * today (history before `from` is warm-up, -1 while the symbol's data has not started). The strategy sees
 * the same objects as `ctx.symbols`.
 */
import type { PriceSeries } from '../data/types';
import { Portfolio } from '../portfolio/portfolio';
import type { Position } from '../portfolio/types';
import type { Decision, Signal, SymbolState } from '../strategy/types';
import type { BacktestConfig } from './config';
import type { SignalEvent } from './types';

export interface RunState {
  readonly config: BacktestConfig;
  readonly universe: readonly PriceSeries[];
  readonly slotOf: ReadonlyMap<string, number>;
  /** By slot: each symbol's bar index and whether it has a bar today. */
  readonly symbols: readonly SymbolState[];
  /** The symbols whose data has started by today (`last >= 0`), in slot order. */
  active: SymbolState[];
  /** The calendar date being processed, and how many symbols have a bar on it. */
  date: string;
  barsToday: number;
  /** Cash, positions, fills and trades (../portfolio, with the one cost basis). */
  readonly portfolio: Portfolio;
  /** The portfolio's position objects by slot: the per-date loops read them without map lookups. */
  readonly positions: readonly Position[];
  /** By slot: the decision waiting for the symbol's next open (orders.ts), and how many wait. */
  readonly orders: (Decision | undefined)[];
  waitingOrders: number;
  /** Portfolio value at the latest close (marking.ts). */
  equity: number;
  /** One value per calendar date, at its close. */
  readonly curves: { equity: Float64Array; cash: Float64Array; grossExposure: Float64Array };
  readonly signalCounts: Record<Signal, number>;
  readonly signals: SignalEvent[];
}

/** Each symbol's position in the universe (its slot); a symbol may appear once. */
export function slotsBySymbol(universe: readonly PriceSeries[]): Map<string, number> {
  const slotOf = new Map<string, number>();
  universe.forEach((s, i) => {
    if (slotOf.has(s.symbol)) throw new RangeError(`symbol "${s.symbol}" appears twice`);
    slotOf.set(s.symbol, i);
  });
  return slotOf;
}

/** The state before the first date of `calendar`: all cash, no orders, each bar index just before that date. */
export function createRunState(universe: readonly PriceSeries[], slotOf: ReadonlyMap<string, number>, config: BacktestConfig,
  calendar: readonly string[]): RunState {
  const portfolio = new Portfolio(config.capital, config.commission);
  const symbols: SymbolState[] = universe.map((s, slot) => ({ symbol: s.symbol, slot, last: lastIndexBefore(s.dates, calendar[0]), hasBar: false }));
  const K = calendar.length;
  return {
    config,
    universe,
    slotOf,
    symbols,
    active: symbols.filter((st) => st.last >= 0),
    date: '',
    barsToday: 0,
    portfolio,
    positions: universe.map((s) => portfolio.position(s.symbol)),
    orders: new Array(universe.length).fill(undefined),
    waitingOrders: 0,
    equity: config.capital,
    curves: { equity: new Float64Array(K), cash: new Float64Array(K), grossExposure: new Float64Array(K) },
    signalCounts: { buy: 0, sell: 0, hold: 0 },
    signals: [],
  };
}

/** Moves to `date`: each symbol with a bar on it steps its bar index forward; late starters join `active`. */
export function advanceTo(state: RunState, date: string): void {
  const { symbols, universe } = state;
  let joined = false;
  let barsToday = 0;
  for (let s = 0; s < symbols.length; s++) {
    const st = symbols[s];
    st.hasBar = universe[s].dates[st.last + 1] === date;
    if (st.hasBar) {
      barsToday++;
      if (st.last < 0) joined = true;
      st.last++;
    }
  }
  if (joined) state.active = symbols.filter((st) => st.last >= 0);
  state.date = date;
  state.barsToday = barsToday;
}

/** Index of the last date strictly before `date` (-1 when none); dates are ascending. */
function lastIndexBefore(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] < date) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The one interface every trading strategy implements: built-in rules, forecast- and ML-driven
 * strategies, and users' own (see docs/custom-strategy.md and example-momentum.ts).
 *
 * Walk-forward by construction: on each decision date the backtester calls `decide` with a context
 * that only exposes bars up to and including that date. Orders decided there fill at the next bar's
 * open (DESIGN.md "fills"), so a strategy can never trade on a price it has not seen.
 */
import type { PriceSeries } from '../data/types';
import type { ProgressListener } from '../jobs/progress';
import type { IndicatorReader } from './indicator';

export type Signal = 'buy' | 'sell' | 'hold';

export interface Decision {
  symbol: string;
  /** What the strategy thinks; counted in the report's signal summary. */
  signal: Signal;
  /**
   * The position wanted after the next open, as a signed fraction of portfolio equity:
   * 1 = all equity long, 0.25 = a quarter, 0 = flat, -1 = all equity short (needs allowShort).
   * Omit it to keep the current position (e.g. a HOLD, or a BUY while already long).
   */
  targetWeight?: number;
  /** Protective exits as absolute prices, checked on every bar against its high / low. */
  stopLoss?: number;
  takeProfit?: number;
  /** Human-readable reason, kept with the resulting fills and trades. */
  reason: string;
}

/** A symbol as seen on a decision date. */
export interface SymbolState {
  symbol: string;
  /** Position of the symbol in the universe passed to `prepare`. */
  slot: number;
  /** Index of the symbol's last bar on or before the decision date (its "today"). */
  last: number;
  /** False when the symbol has no bar on the decision date (a holiday for its market). */
  hasBar: boolean;
}

export interface PositionView {
  /** Signed shares held. */
  quantity: number;
  /** Signed position value / portfolio equity, at the decision date's close. */
  weight: number;
  averageCost: number;
}

export interface DecisionContext {
  date: string;
  /** Symbols whose data has started by the decision date (late starters join when their data starts). */
  symbols: readonly SymbolState[];
  /** Number of symbols in the universe (used for equal-weight sizing). */
  universeSize: number;
  equity: number;
  allowShort: boolean;
  /** The backtest's cancel signal, for strategies that call long-running work (model inference). */
  signal?: AbortSignal;
  position(symbol: string): PositionView;
  /** The symbol's bars up to and including the decision date (views, not copies). */
  history(symbol: string): PriceSeries;
  /**
   * A causal indicator's value at the symbol's bar of the decision date, computed once per series:
   * `ctx.indicator(st.symbol, sma, 'close', 20)`. A function that looks ahead is refused (indicator.ts).
   */
  indicator: IndicatorReader;
}

/**
 * What the backtest will ask, known before the loop from the calendar alone (never from prices): the dates
 * `decide` will be called on. A strategy may use it to batch work across dates (the forecast strategy asks
 * for every (symbol, origin) forecast at once), as long as each date's work reads only that date's past.
 */
export interface BacktestPlan {
  decisionDates: readonly string[];
  /** The backtest's cancel signal and progress listener, for long work done in `prepare`. */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export interface Strategy {
  /** Name in the CLI contract (e.g. "sma-cross"). */
  readonly name: string;
  /**
   * Optional one-off work before the loop. It receives whole histories so that causal indicators
   * (value at bar i uses bars <= i only, like SMA or RSI) can be computed once; anything that is not
   * causal (fitting a model, normalising by a full-sample statistic) belongs in `decide`, on
   * `history()`. The no-look-ahead test of every built-in strategy checks this contract.
   */
  prepare?(universe: readonly PriceSeries[], plan?: BacktestPlan): void | Promise<void>;
  /** Orders for the next open. Return only symbols whose position should change or that carry a signal. */
  decide(context: DecisionContext): Decision[] | Promise<Decision[]>;
}

import type { Fill, Trade } from '../portfolio/types';
import type { Signal } from '../strategy/types';
import type { BacktestConfig } from './config';

export interface PositionSummary {
  symbol: string;
  quantity: number;
  averageCost: number;
  markPrice: number;
  realizedPnl: number;
  unrealizedPnl: number;
}

export interface SignalEvent {
  date: string;
  symbol: string;
  signal: Signal;
  targetWeight?: number;
  reason: string;
}

/** Everything a backtest produced; metrics and reports are computed from it. */
export interface BacktestResult {
  strategy: string;
  config: BacktestConfig;
  symbols: string[];
  benchmarkSymbol: string;
  /** The trading calendar (union of the symbols' dates within from..to). */
  dates: string[];
  /** Portfolio value at each date's close. */
  equity: Float64Array;
  cash: Float64Array;
  /** Sum of |position values| / equity at each close. */
  grossExposure: Float64Array;
  /** Buy-and-hold of the benchmark's closes from the first date, scaled to the initial capital (no costs). */
  benchmarkEquity: Float64Array;
  fills: Fill[];
  /** Closed round trips. */
  trades: Trade[];
  /** Positions still open at the end, valued at the last close. */
  openTrades: Trade[];
  signalCounts: Record<Signal, number>;
  /** Every buy / sell signal with its reason, in date order. */
  signals: SignalEvent[];
  positions: PositionSummary[];
  realizedPnl: number;
  unrealizedPnl: number;
  commissionPaid: number;
  /** Borrow fees of short positions (config.borrowRate). */
  borrowPaid: number;
  tradedValue: number;
}

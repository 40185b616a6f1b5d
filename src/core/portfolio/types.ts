import type { CostBasis } from './cost-basis';
import type { Side } from './costs';

/** Why a fill happened: a strategy signal, a protective exit, or the end of the test. */
export type FillReason = 'signal' | 'stop-loss' | 'take-profit';

export interface Fill {
  date: string;
  symbol: string;
  side: Side;
  /** Shares traded (always positive). */
  quantity: number;
  /** Reference price before slippage (the bar's open, or the stop / take-profit level). */
  referencePrice: number;
  /** Price paid or received after slippage. */
  price: number;
  commission: number;
  reason: FillReason;
  /** The strategy's explanation for signal fills. */
  note?: string;
}

/** One round trip: from a flat position to a position and back to flat (or reversed). */
export interface Trade {
  symbol: string;
  direction: 'long' | 'short';
  entryDate: string;
  /** Empty while the trade is still open at the end of the test. */
  exitDate: string;
  /** Quantity-weighted average entry and exit fill prices (after slippage). */
  entryPrice: number;
  exitPrice: number;
  /** Largest absolute size held during the trade. */
  quantity: number;
  /** P&L in currency after all commissions of the trade (entry and exit fills) and its borrow fees. */
  pnl: number;
  /** pnl / value paid at entry (sum of entry fill values), in percent. */
  returnPct: number;
  commission: number;
  /** Borrow fees paid while the trade was short (0 for longs). */
  borrowCost: number;
  /** Calendar days from entry to exit. */
  durationDays: number;
  entryNote: string;
  exitReason: FillReason | 'open';
  exitNote: string;
}

/** A symbol's holding in the portfolio: its cost basis (cost-basis.ts; quantity signed, negative = short) and more. */
export interface Position extends CostBasis {
  symbol: string;
  /** Last price the position was valued at (the latest close). */
  markPrice: number;
  /** Realized P&L of this symbol so far, after every commission and borrow fee paid on it. */
  realizedPnl: number;
  /** Protective levels attached by the strategy at entry (absolute prices). */
  stopLoss?: number;
  takeProfit?: number;
}

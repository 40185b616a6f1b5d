/**
 * Replays a trade journal into cash and positions, with the backtest's accounting (one definition and
 * implementation: portfolio/cost-basis.ts): the average cost is the mean fill price without commissions,
 * and every commission is realised when paid, so realized + unrealized P&L always equals equity -
 * starting capital exactly:
 *   buy:  averageCost = (held * averageCost + qty * price) / (held + qty);  realized -= commission
 *   sell: realized += qty * (price - averageCost) - commission
 * Long-only: a sell larger than the holding, or a buy larger than the cash, is rejected.
 */
import { bookFill, type CostBasis } from '../portfolio/cost-basis';
import type { PaperTrade } from './types';

/** A symbol's holding: its cost basis (portfolio/cost-basis.ts) and realized P&L. */
export interface Holding extends CostBasis {
  symbol: string;
  /** Realized P&L of this symbol so far: its sells' gains and losses, minus every commission paid. */
  realizedPnl: number;
}

export interface LedgerState {
  cash: number;
  /** Open and closed holdings by symbol (closed ones keep their realized P&L with quantity 0). */
  holdings: Map<string, Holding>;
  realizedPnl: number;
  commissionsPaid: number;
}

/** Tolerance for float dust when comparing cash or shares (a cent-fraction, a millionth share). */
const CASH_EPSILON = 1e-6;
const SHARE_EPSILON = 1e-9;

export class TradeRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TradeRejectedError';
  }
}

export function emptyLedger(startingCapital: number): LedgerState {
  return { cash: startingCapital, holdings: new Map(), realizedPnl: 0, commissionsPaid: 0 };
}

/** Journal order: by bar date, then execution time (ids break exact ties). */
export function compareTrades(a: PaperTrade, b: PaperTrade): number {
  return a.date.localeCompare(b.date) || a.executedAt.localeCompare(b.executedAt) || a.id.localeCompare(b.id);
}

/** Applies one trade in place; throws TradeRejectedError (state untouched) when impossible. */
export function applyTrade(state: LedgerState, trade: PaperTrade): void {
  if (!(trade.quantity > 0) || !Number.isFinite(trade.quantity)) throw new TradeRejectedError(`${trade.symbol}: quantity must be a positive number, got ${trade.quantity}`);
  if (!(trade.price > 0) || !Number.isFinite(trade.price)) throw new TradeRejectedError(`${trade.symbol}: price must be a positive number, got ${trade.price}`);
  if (!(trade.commission >= 0)) throw new TradeRejectedError(`${trade.symbol}: commission must not be negative, got ${trade.commission}`);
  const value = trade.quantity * trade.price;
  const holding = state.holdings.get(trade.symbol) ?? { symbol: trade.symbol, quantity: 0, averageCost: 0, realizedPnl: 0 };
  if (trade.side === 'buy') {
    const cost = value + trade.commission;
    if (cost > state.cash + CASH_EPSILON) {
      throw new TradeRejectedError(`${trade.symbol}: buying ${trade.quantity} costs ${cost.toFixed(2)} but only ${state.cash.toFixed(2)} cash is left`);
    }
    state.cash -= cost;
  } else {
    if (trade.quantity > holding.quantity + SHARE_EPSILON) {
      throw new TradeRejectedError(`${trade.symbol}: cannot sell ${trade.quantity}, only ${holding.quantity} held (no short selling in paper trading)`);
    }
    state.cash += value - trade.commission;
  }
  // A sell within float dust of the holding closes it (never opens a short).
  const signed = trade.side === 'buy' ? trade.quantity : -Math.min(trade.quantity, holding.quantity);
  const booked = bookFill(holding, signed, trade.price, trade.commission);
  const pnl = booked.gross - booked.closeFee - booked.openFee;
  holding.quantity = booked.quantity < SHARE_EPSILON ? 0 : booked.quantity;
  holding.averageCost = booked.averageCost;
  holding.realizedPnl += pnl;
  state.realizedPnl += pnl;
  state.commissionsPaid += trade.commission;
  state.holdings.set(trade.symbol, holding);
}

/** The state after every trade of the journal, in journal order. */
export function replayTrades(startingCapital: number, trades: readonly PaperTrade[]): LedgerState {
  const state = emptyLedger(startingCapital);
  for (const trade of [...trades].sort(compareTrades)) applyTrade(state, trade);
  return state;
}

/** The first journal entry (in journal order) that cannot be applied, and why. */
export interface ReplayFailure {
  /** Position in journal order (`[...trades].sort(compareTrades)`). */
  index: number;
  trade: PaperTrade;
  reason: string;
}

/** Replays as far as possible: the state before the first impossible entry, and that entry (if any). */
export function replayUntilFailure(startingCapital: number, trades: readonly PaperTrade[]): { state: LedgerState; applied: PaperTrade[]; failure?: ReplayFailure } {
  const state = emptyLedger(startingCapital);
  const journal = [...trades].sort(compareTrades);
  for (const [index, trade] of journal.entries()) {
    try {
      applyTrade(state, trade);
    } catch (error) {
      if (!(error instanceof TradeRejectedError)) throw error;
      return { state, applied: journal.slice(0, index), failure: { index, trade, reason: error.message } };
    }
  }
  return { state, applied: journal };
}

/** Deep copy, so a trade can be tried without touching the original. */
export function cloneLedger(state: LedgerState): LedgerState {
  return { ...state, holdings: new Map([...state.holdings].map(([k, h]) => [k, { ...h }])) };
}

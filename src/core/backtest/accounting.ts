/**
 * Step "accounting": what the run owes and owns. Cash, positions, fills, round-trip trades and realised
 * P&L are kept by the Portfolio (../portfolio/portfolio.ts) with the one cost basis of backtests and paper
 * trading (../portfolio/cost-basis.ts); this module charges the shorts' borrow fees between dates and
 * reads the book into the result at the end.
 */
import { calendarDaysBetween } from '../portfolio/portfolio';
import type { RunState } from './run-state';
import type { BacktestResult } from './types';

/** Borrow fees of the shorts held overnight from `previous`'s close to today (actual/365 on their value at that close). */
export function chargeBorrowFees(state: RunState, previous: string): void {
  const rateForPeriod = state.config.borrowRate * (calendarDaysBetween(previous, state.date) / 365);
  for (const st of state.active) {
    const pos = state.positions[st.slot];
    if (pos.quantity < 0) state.portfolio.chargeBorrow(st.symbol, -pos.quantity * pos.markPrice * rateForPeriod);
  }
}

export type BookSummary = Pick<BacktestResult, 'fills' | 'trades' | 'openTrades' | 'positions' | 'realizedPnl' | 'unrealizedPnl'
  | 'commissionPaid' | 'borrowPaid' | 'tradedValue'>;

/** The book at the end of the run (last date `lastDate`): trades closed and still open, positions and P&L. */
export function closeTheBooks(state: RunState, lastDate: string): BookSummary {
  const { portfolio } = state;
  return {
    fills: portfolio.fills,
    trades: portfolio.trades,
    openTrades: portfolio.openTradesAt(lastDate),
    positions: [...portfolio.positions.values()].filter((p) => p.quantity !== 0 || p.realizedPnl !== 0).map((p) => ({
      symbol: p.symbol,
      quantity: p.quantity,
      averageCost: p.averageCost,
      markPrice: p.markPrice,
      realizedPnl: p.realizedPnl,
      unrealizedPnl: portfolio.unrealizedPnl(p.symbol),
    })),
    realizedPnl: portfolio.realizedPnl(),
    unrealizedPnl: portfolio.unrealizedPnl(),
    commissionPaid: portfolio.commissionPaid,
    borrowPaid: portfolio.borrowPaid,
    tradedValue: portfolio.tradedValue,
  };
}

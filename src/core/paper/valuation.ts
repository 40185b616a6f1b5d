/** Marks the replayed ledger to the latest prices: the positions table and the portfolio totals. */
import type { LedgerState } from './ledger';

export interface PositionRow {
  symbol: string;
  quantity: number;
  averageCost: number;
  lastPrice: number;
  marketValue: number;
  /** quantity * (lastPrice - averageCost); the average cost is the mean fill price (commissions are in realized P&L). */
  unrealizedPnl: number;
  realizedPnl: number;
  /** Market value / equity. */
  weight: number;
}

export interface PortfolioValuation {
  positions: PositionRow[];
  cash: number;
  cashWeight: number;
  marketValue: number;
  equity: number;
  realizedPnl: number;
  unrealizedPnl: number;
  /** equity / startingCapital - 1. */
  totalReturn: number;
  commissionsPaid: number;
}

/**
 * `lastPrices` maps symbol -> latest close. A held symbol without a price is valued at its average
 * cost (so it neither gains nor loses) rather than at 0.
 */
export function valuePortfolio(state: LedgerState, startingCapital: number, lastPrices: ReadonlyMap<string, number>): PortfolioValuation {
  const open = [...state.holdings.values()].filter((h) => h.quantity > 0 || h.realizedPnl !== 0);
  const rows = open.map((h) => {
    const lastPrice = lastPrices.get(h.symbol) ?? h.averageCost;
    const marketValue = h.quantity * lastPrice;
    return {
      symbol: h.symbol,
      quantity: h.quantity,
      averageCost: h.averageCost,
      lastPrice,
      marketValue,
      unrealizedPnl: h.quantity * (lastPrice - h.averageCost),
      realizedPnl: h.realizedPnl,
      weight: 0,
    };
  });
  const marketValue = rows.reduce((sum, r) => sum + r.marketValue, 0);
  const equity = state.cash + marketValue;
  for (const row of rows) row.weight = equity > 0 ? row.marketValue / equity : 0;
  rows.sort((a, b) => b.marketValue - a.marketValue || a.symbol.localeCompare(b.symbol));
  return {
    positions: rows,
    cash: state.cash,
    cashWeight: equity > 0 ? state.cash / equity : 0,
    marketValue,
    equity,
    realizedPnl: state.realizedPnl,
    unrealizedPnl: rows.reduce((sum, r) => sum + r.unrealizedPnl, 0),
    totalReturn: equity / startingCapital - 1,
    commissionsPaid: state.commissionsPaid,
  };
}

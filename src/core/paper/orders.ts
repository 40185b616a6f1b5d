/**
 * Turning an order (symbol, side, quantity at the latest price) into a journal trade, with the same
 * slippage and commission rules as the backtester (src/core/portfolio/costs.ts).
 */
import { commission, fillPrice } from '../portfolio/costs';
import type { PaperCosts, PaperTrade, Side } from './types';

export interface PaperOrder {
  symbol: string;
  side: Side;
  quantity: number;
  /** The latest stored close (the quote the mock order executes against). */
  marketPrice: number;
  /** The bar date of that price. */
  date: string;
  source: PaperTrade['source'];
  note?: string;
}

export function fillOrder(order: PaperOrder, portfolioId: string, costs: PaperCosts, id: string, executedAt: string): PaperTrade {
  const price = fillPrice(order.side, order.marketPrice, costs.slippage);
  return {
    id,
    portfolioId,
    date: order.date,
    executedAt,
    symbol: order.symbol,
    side: order.side,
    quantity: order.quantity,
    marketPrice: order.marketPrice,
    price,
    commission: commission(order.quantity * price, costs.commission),
    source: order.source,
    note: order.note,
  };
}

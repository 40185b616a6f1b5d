/**
 * Paper (mock) trading: a named portfolio with starting capital, and its trade journal. Everything
 * else (cash, positions, P&L, equity history) is derived by replaying the journal, so the journal
 * is the single source of truth that is stored, exported and imported.
 */
import type { Side } from '../portfolio/costs';

export type { Side };

/** Execution costs applied to every mock fill (rates, e.g. 0.001 = 0.1%). */
export interface PaperCosts {
  commission: number;
  slippage: number;
}

export interface PaperPortfolio {
  id: string;
  name: string;
  startingCapital: number;
  costs: PaperCosts;
  /** Symbol whose returns the beta is measured against. */
  benchmark?: string;
  /** ISO timestamp. */
  createdAt: string;
}

/** One executed mock trade. `price` already includes slippage; `commission` is paid on top. */
export interface PaperTrade {
  id: string;
  portfolioId: string;
  /** Bar date the trade is booked on (YYYY-MM-DD): the latest stored bar at execution. */
  date: string;
  /** ISO timestamp of execution; orders trades booked on the same date. */
  executedAt: string;
  symbol: string;
  side: Side;
  /** Shares, > 0. */
  quantity: number;
  /** Quoted price before slippage. */
  marketPrice: number;
  /** Fill price after slippage. */
  price: number;
  commission: number;
  source: 'manual' | 'signal';
  /** Why the trade was made (e.g. the signal's reasons). */
  note?: string;
}

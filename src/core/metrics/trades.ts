/**
 * Statistics of closed round-trip trades (P&L after every commission of the trade).
 * Trades still open at the end are not counted: their result is not known yet.
 */
import type { Trade } from '../portfolio/types';

export interface TradeStats {
  trades: number;
  winRatePct: number;
  bestTradePct: number;
  worstTradePct: number;
  averageTradePct: number;
  averageTradeDays: number;
  /** Gross profit of winners / gross loss of losers (Infinity with no losing trade). */
  profitFactor: number;
  /** Mean P&L per trade in currency. */
  expectancy: number;
}

export function tradeStats(trades: readonly Trade[]): TradeStats {
  const n = trades.length;
  let wins = 0, grossProfit = 0, grossLoss = 0, sumPct = 0, sumDays = 0, sumPnl = 0;
  let best = -Infinity, worst = Infinity;
  for (const t of trades) {
    if (t.pnl > 0) {
      wins++;
      grossProfit += t.pnl;
    } else {
      grossLoss -= t.pnl;
    }
    sumPct += t.returnPct;
    sumDays += t.durationDays;
    sumPnl += t.pnl;
    best = Math.max(best, t.returnPct);
    worst = Math.min(worst, t.returnPct);
  }
  return {
    trades: n,
    winRatePct: n ? (wins / n) * 100 : NaN,
    bestTradePct: n ? best : NaN,
    worstTradePct: n ? worst : NaN,
    averageTradePct: n ? sumPct / n : NaN,
    averageTradeDays: n ? sumDays / n : NaN,
    profitFactor: n ? (grossLoss > 0 ? grossProfit / grossLoss : grossProfit > 0 ? Infinity : NaN) : NaN,
    expectancy: n ? sumPnl / n : NaN,
  };
}

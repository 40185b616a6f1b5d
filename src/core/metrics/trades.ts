/**
 * Statistics of closed round-trip trades (P&L after every commission of the trade).
 * Trades still open at the end are not counted: their result is not known yet.
 */
import type { Trade } from '../portfolio/types';
import { mean, sampleStd } from './returns';

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
  /** Longest runs of trades with pnl > 0, and with pnl <= 0 (exit order). */
  maxConsecutiveWins: number;
  maxConsecutiveLosses: number;
  /** Mean return of winning trades (returnPct > 0) / |mean return of the others|. */
  payoffRatio: number;
  /** van Tharp's System Quality Number: sqrt(n) * mean(pnl) / std(pnl, ddof 1). */
  sqn: number;
}

function longestRun(trades: readonly Trade[], wanted: (t: Trade) => boolean): number {
  let longest = 0;
  let run = 0;
  for (const t of trades) {
    run = wanted(t) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

function payoffRatio(trades: readonly Trade[]): number {
  const wins = trades.filter((t) => t.returnPct > 0).map((t) => t.returnPct);
  const others = trades.filter((t) => !(t.returnPct > 0)).map((t) => t.returnPct);
  if (wins.length === 0 || others.length === 0) return wins.length ? Infinity : NaN;
  const loss = Math.abs(mean(others));
  return loss > 0 ? mean(wins) / loss : Infinity;
}

function systemQualityNumber(trades: readonly Trade[]): number {
  const pnl = trades.map((t) => t.pnl);
  const sd = sampleStd(pnl);
  return sd > 0 ? (Math.sqrt(pnl.length) * mean(pnl)) / sd : NaN;
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
    maxConsecutiveWins: longestRun(trades, (t) => t.pnl > 0),
    maxConsecutiveLosses: longestRun(trades, (t) => !(t.pnl > 0)),
    payoffRatio: payoffRatio(trades),
    sqn: systemQualityNumber(trades),
  };
}

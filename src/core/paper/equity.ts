/**
 * The portfolio's daily equity history: from the first trade's date to the latest stored bar, the
 * journal replayed day by day and positions marked at each day's close (DESIGN.md "returns": equity
 * marked at each close). A symbol without a bar on some date keeps its previous close.
 */
import { applyTrade, compareTrades, emptyLedger } from './ledger';
import type { PaperTrade } from './types';

/** Closes of one symbol, dates ascending. */
export interface CloseSeries {
  dates: readonly string[];
  close: ArrayLike<number>;
}

export interface EquityHistory {
  dates: string[];
  equity: Float64Array;
}

export function equityHistory(startingCapital: number, trades: readonly PaperTrade[], closes: ReadonlyMap<string, CloseSeries>): EquityHistory {
  const journal = [...trades].sort(compareTrades);
  if (journal.length === 0) return { dates: [], equity: new Float64Array(0) };
  const start = journal[0].date;
  const dateSet = new Set<string>();
  for (const series of closes.values()) for (const d of series.dates) if (d >= start) dateSet.add(d);
  for (const t of journal) dateSet.add(t.date);
  const dates = [...dateSet].sort();

  const cursors = new Map<string, number>();
  const lastClose = new Map<string, number>();
  const state = emptyLedger(startingCapital);
  const equity = new Float64Array(dates.length);
  let next = 0;
  dates.forEach((date, i) => {
    while (next < journal.length && journal[next].date <= date) {
      const trade = journal[next++];
      applyTrade(state, trade);
      // Until a close is seen, a position is worth what was paid for it.
      if (!lastClose.has(trade.symbol)) lastClose.set(trade.symbol, trade.marketPrice);
    }
    for (const [symbol, series] of closes) {
      let k = cursors.get(symbol) ?? 0;
      while (k < series.dates.length && series.dates[k] <= date) lastClose.set(symbol, series.close[k++]);
      cursors.set(symbol, k);
    }
    let value = state.cash;
    for (const h of state.holdings.values()) if (h.quantity > 0) value += h.quantity * (lastClose.get(h.symbol) ?? h.averageCost);
    equity[i] = value;
  });
  return { dates, equity };
}

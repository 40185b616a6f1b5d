/** Everything the Overview shows about one portfolio, derived from its journal and stored closes. */
import { equityHistory, type CloseSeries, type EquityHistory } from './equity';
import { replayTrades, type LedgerState } from './ledger';
import { paperMetrics, type PaperMetrics } from './metrics';
import type { PaperPortfolio, PaperTrade } from './types';
import { valuePortfolio, type PortfolioValuation } from './valuation';

export interface PortfolioSnapshot {
  ledger: LedgerState;
  valuation: PortfolioValuation;
  history: EquityHistory;
  metrics: PaperMetrics;
}

/** `closes` should hold every traded symbol (the last close values the positions). */
export function portfolioSnapshot(portfolio: PaperPortfolio, trades: readonly PaperTrade[], closes: ReadonlyMap<string, CloseSeries>, benchmark?: CloseSeries): PortfolioSnapshot {
  const ledger = replayTrades(portfolio.startingCapital, trades);
  const lastPrices = new Map<string, number>();
  for (const [symbol, series] of closes) if (series.dates.length) lastPrices.set(symbol, series.close[series.dates.length - 1]);
  const valuation = valuePortfolio(ledger, portfolio.startingCapital, lastPrices);
  const history = equityHistory(portfolio.startingCapital, trades, closes);
  return { ledger, valuation, history, metrics: paperMetrics(history, portfolio.startingCapital, benchmark) };
}

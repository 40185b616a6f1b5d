/**
 * Export/import of one paper portfolio as JSON. The file holds the portfolio and its journal;
 * importing validates every field (src/core/validate) and replays the journal, so a file whose
 * trades are impossible (selling more than held, spending more than the cash) is refused whole.
 */
import { array, isoDate, number, object, oneOf, optional, parseJson, string, formatIssues, type Infer } from '../validate';
import { portfolioFields, symbolName } from '../validate/shapes';
import { replayTrades } from './ledger';
import type { PaperPortfolio, PaperTrade } from './types';

export const PORTFOLIO_FILE_FORMAT = 'quant-lens-paper-portfolio';

const fileTradeSchema = object({
  date: isoDate(),
  executedAt: optional(string({ maxLength: 40 })),
  symbol: symbolName(),
  side: oneOf(['buy', 'sell']),
  qty: number({ min: 0 }),
  price: number({ min: 0 }),
  marketPrice: optional(number({ min: 0 })),
  commission: optional(number({ min: 0 })),
  source: optional(oneOf(['manual', 'signal'])),
  note: optional(string({ maxLength: 2000 })),
});

/** The shared portfolio shape (name, starting cash, trades) plus the paper-trading extras. */
const portfolioFileSchema = object({
  ...portfolioFields,
  format: optional(oneOf([PORTFOLIO_FILE_FORMAT])),
  version: optional(number({ integer: true, min: 1, max: 1 })),
  trades: array(fileTradeSchema, { maxLength: 100_000 }),
  commission: optional(number({ min: 0, max: 0.5 })),
  slippage: optional(number({ min: 0, max: 0.5 })),
  benchmark: optional(symbolName()),
});
export type PortfolioFile = Infer<typeof portfolioFileSchema>;

export function exportPortfolio(portfolio: PaperPortfolio, trades: readonly PaperTrade[]): PortfolioFile {
  return {
    format: PORTFOLIO_FILE_FORMAT,
    version: 1,
    name: portfolio.name,
    cash: portfolio.startingCapital,
    commission: portfolio.costs.commission,
    slippage: portfolio.costs.slippage,
    benchmark: portfolio.benchmark,
    trades: trades.map((t) => ({
      date: t.date,
      executedAt: t.executedAt,
      symbol: t.symbol,
      side: t.side,
      qty: t.quantity,
      price: t.price,
      marketPrice: t.marketPrice,
      commission: t.commission,
      source: t.source,
      note: t.note,
    })),
  };
}

export interface ImportedPortfolio {
  portfolio: PaperPortfolio;
  trades: PaperTrade[];
}

/**
 * Parses and checks a portfolio file; new ids are given so an import never overwrites anything.
 * `newId` must return increasing ids: they order trades of the same date that carry no time.
 * Throws an Error naming the first bad field (e.g. `portfolio.trades[3].qty: expected ...`).
 */
export function importPortfolio(text: string, newId: () => string, now = new Date()): ImportedPortfolio {
  const parsed = parseJson(text, portfolioFileSchema, { root: 'portfolio' });
  if (!parsed.ok) throw new Error(`Not a valid portfolio file: ${formatIssues(parsed.errors)}`);
  const file = parsed.value;
  if (!(file.cash > 0)) throw new Error(`Not a valid portfolio file: portfolio.cash: the starting capital must be positive, got ${file.cash}`);
  const portfolio: PaperPortfolio = {
    id: newId(),
    name: file.name,
    startingCapital: file.cash,
    costs: { commission: file.commission ?? 0, slippage: file.slippage ?? 0 },
    benchmark: file.benchmark,
    createdAt: now.toISOString(),
  };
  const trades: PaperTrade[] = file.trades.map((t) => ({
    id: newId(),
    portfolioId: portfolio.id,
    date: t.date,
    executedAt: t.executedAt ?? `${t.date}T00:00:00.000Z`,
    symbol: t.symbol,
    side: t.side,
    quantity: t.qty,
    price: t.price,
    marketPrice: t.marketPrice ?? t.price,
    commission: t.commission ?? 0,
    source: t.source ?? 'manual',
    note: t.note,
  }));
  try {
    replayTrades(portfolio.startingCapital, trades);
  } catch (error) {
    throw new Error(`Not a valid portfolio file: its trades cannot be replayed: ${(error as Error).message}`);
  }
  return { portfolio, trades };
}

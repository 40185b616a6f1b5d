/**
 * Paper portfolios and their trade journals in IndexedDB (`portfolios`, `portfolioTrades`).
 * Every change that adds trades replays the whole journal first (src/core/paper), so an impossible
 * trade is refused and nothing is written; multi-record changes are single transactions.
 */
import { replayTrades, type ImportedPortfolio, type PaperPortfolio, type PaperTrade } from '../core/paper';
import type { QuantDb, StoredRecord } from './db';
import { getSetting, putSetting } from './settings';

const ACTIVE_KEY = 'paper.activePortfolio';

let idCounter = 0;
/** Ids that sort in creation order (time, then a per-page counter), so journals keep their order. */
export function newPaperId(prefix: string): string {
  idCounter = (idCounter + 1) % 1e6;
  return `${prefix}-${Date.now().toString(36).padStart(9, '0')}-${idCounter.toString(36).padStart(4, '0')}`;
}

const asRecord = <T extends { id: string }>(value: T) => value as unknown as StoredRecord;

export async function listPortfolios(db: QuantDb): Promise<PaperPortfolio[]> {
  const all = (await db.getAll('portfolios')) as unknown as PaperPortfolio[];
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function listTrades(db: QuantDb, portfolioId: string): Promise<PaperTrade[]> {
  return (await db.getAllFromIndex('portfolioTrades', 'byPortfolio', portfolioId)) as unknown as PaperTrade[];
}

export async function savePortfolio(db: QuantDb, portfolio: PaperPortfolio): Promise<void> {
  await db.put('portfolios', asRecord(portfolio));
}

export async function getActivePortfolioId(db: QuantDb): Promise<string | undefined> {
  return getSetting<string | undefined>(db, ACTIVE_KEY, undefined);
}

export async function setActivePortfolioId(db: QuantDb, id: string): Promise<void> {
  await putSetting(db, ACTIVE_KEY, id);
}

/** Creates a portfolio with an empty journal and makes it the active one. */
export async function createPortfolio(db: QuantDb, fields: Omit<PaperPortfolio, 'id' | 'createdAt'>): Promise<PaperPortfolio> {
  if (!fields.name.trim()) throw new Error('A portfolio needs a name');
  if (!(fields.startingCapital > 0)) throw new Error(`Starting capital must be positive, got ${fields.startingCapital}`);
  const portfolio: PaperPortfolio = { ...fields, name: fields.name.trim(), id: newPaperId('pf'), createdAt: new Date().toISOString() };
  await savePortfolio(db, portfolio);
  await setActivePortfolioId(db, portfolio.id);
  return portfolio;
}

/**
 * Appends trades to a portfolio's journal after checking the whole journal still replays
 * (cash and holdings never negative). All or nothing.
 */
export async function addTrades(db: QuantDb, portfolio: PaperPortfolio, trades: readonly PaperTrade[]): Promise<void> {
  const existing = await listTrades(db, portfolio.id);
  replayTrades(portfolio.startingCapital, [...existing, ...trades]);
  const tx = db.transaction('portfolioTrades', 'readwrite');
  await Promise.all([...trades.map((t) => tx.store.add(asRecord({ ...t, portfolioId: portfolio.id }))), tx.done]);
}

/** Empties the journal: back to the starting capital in cash. */
export async function resetPortfolio(db: QuantDb, portfolioId: string): Promise<void> {
  const tx = db.transaction('portfolioTrades', 'readwrite');
  const keys = await tx.store.index('byPortfolio').getAllKeys(portfolioId);
  await Promise.all([...keys.map((k) => tx.store.delete(k)), tx.done]);
}

/** Removes a portfolio and its journal (one transaction). */
export async function deletePortfolio(db: QuantDb, portfolioId: string): Promise<void> {
  const tx = db.transaction(['portfolios', 'portfolioTrades'], 'readwrite');
  const trades = tx.objectStore('portfolioTrades');
  const keys = await trades.index('byPortfolio').getAllKeys(portfolioId);
  await Promise.all([...keys.map((k) => trades.delete(k)), tx.objectStore('portfolios').delete(portfolioId), tx.done]);
}

/** Stores an imported portfolio with its journal in one transaction and makes it active. */
export async function saveImportedPortfolio(db: QuantDb, { portfolio, trades }: ImportedPortfolio): Promise<void> {
  const tx = db.transaction(['portfolios', 'portfolioTrades'], 'readwrite');
  const tradeStore = tx.objectStore('portfolioTrades');
  await Promise.all([tx.objectStore('portfolios').add(asRecord(portfolio)), ...trades.map((t) => tradeStore.add(asRecord(t))), tx.done]);
  await setActivePortfolioId(db, portfolio.id);
}

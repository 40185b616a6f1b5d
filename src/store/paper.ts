/**
 * Paper portfolios and their trade journals in IndexedDB (`portfolios`, `portfolioTrades`).
 * Every change that adds trades reads the portfolio and its whole journal, checks the result
 * (src/core/paper: never back in time, cash and holdings never negative) and writes, all in ONE
 * readwrite transaction: two tabs trading at once are serialised by IndexedDB, so the second one
 * sees the first one's trade. Nothing but IndexedDB requests is awaited inside a transaction (it
 * would commit early otherwise).
 */
import { checkAppend, type ImportedPortfolio, type PaperPortfolio, type PaperTrade } from '../core/paper';
import type { QuantDb, StoredRecord } from './db';
import { notifyPortfoliosChanged } from './events';
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
  notifyPortfoliosChanged(portfolio.id);
}

/** The error for a portfolio that was deleted (in another tab) while this one still showed it. */
function deletedError(name: string, what: string): Error {
  return new Error(`The portfolio "${name}" no longer exists (deleted in another tab?): ${what}`);
}

/** Rolls back `tx` and rethrows `error` (the transaction's own rejection is expected, not reported). */
function abortWith(tx: { abort(): void; done: Promise<void> }, error: unknown): never {
  tx.done.catch(() => undefined);
  tx.abort();
  throw error;
}

/** Changes a portfolio's fields (e.g. its benchmark); refused when another tab deleted it. */
export async function updatePortfolio(db: QuantDb, portfolio: PaperPortfolio): Promise<void> {
  const tx = db.transaction('portfolios', 'readwrite');
  if (!(await tx.store.get(portfolio.id))) abortWith(tx, deletedError(portfolio.name, 'the change was not saved'));
  await Promise.all([tx.store.put(asRecord(portfolio)), tx.done]);
  notifyPortfoliosChanged(portfolio.id);
}

export async function getActivePortfolioId(db: QuantDb): Promise<string | undefined> {
  return getSetting<string | undefined>(db, ACTIVE_KEY, undefined);
}

export async function setActivePortfolioId(db: QuantDb, id: string): Promise<void> {
  await putSetting(db, ACTIVE_KEY, id);
}

type NewPortfolio = Omit<PaperPortfolio, 'id' | 'createdAt'>;

function newPortfolio(fields: NewPortfolio): PaperPortfolio {
  if (!fields.name.trim()) throw new Error('A portfolio needs a name');
  if (!(fields.startingCapital > 0)) throw new Error(`Starting capital must be positive, got ${fields.startingCapital}`);
  return { ...fields, name: fields.name.trim(), id: newPaperId('pf'), createdAt: new Date().toISOString() };
}

/** Creates a portfolio with an empty journal and makes it the active one. */
export async function createPortfolio(db: QuantDb, fields: NewPortfolio): Promise<PaperPortfolio> {
  const portfolio = newPortfolio(fields);
  await savePortfolio(db, portfolio);
  await setActivePortfolioId(db, portfolio.id);
  return portfolio;
}

/**
 * The stored portfolios; when there is none, a first one is created (and made active) in the same
 * transaction, so two tabs opened together on an empty database create one portfolio, not two.
 */
export async function listOrCreatePortfolios(db: QuantDb, first: NewPortfolio): Promise<PaperPortfolio[]> {
  const portfolio = newPortfolio(first);
  const tx = db.transaction(['portfolios', 'settings'], 'readwrite');
  const stored = (await tx.objectStore('portfolios').getAll()) as unknown as PaperPortfolio[];
  if (stored.length === 0) {
    await Promise.all([tx.objectStore('portfolios').add(asRecord(portfolio)), tx.objectStore('settings').put(portfolio.id, ACTIVE_KEY)]);
  }
  await tx.done;
  if (stored.length > 0) return stored.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  notifyPortfoliosChanged(portfolio.id);
  return [portfolio];
}

/**
 * Appends trades to a portfolio's journal after checking, in the same transaction, that the
 * portfolio still exists, that no trade dates before the journal's last entry and that the whole
 * journal still replays (cash and holdings never negative). All or nothing.
 */
export async function addTrades(db: QuantDb, portfolio: Pick<PaperPortfolio, 'id' | 'name'>, trades: readonly PaperTrade[]): Promise<void> {
  const tx = db.transaction(['portfolios', 'portfolioTrades'], 'readwrite');
  const journal = tx.objectStore('portfolioTrades');
  const [stored, existing] = await Promise.all([tx.objectStore('portfolios').get(portfolio.id), journal.index('byPortfolio').getAll(portfolio.id)]);
  if (!stored) abortWith(tx, deletedError(portfolio.name, 'the trade was not booked'));
  try {
    checkAppend((stored as unknown as PaperPortfolio).startingCapital, existing as unknown as PaperTrade[], trades);
  } catch (error) {
    abortWith(tx, error);
  }
  await Promise.all([...trades.map((t) => journal.add(asRecord({ ...t, portfolioId: portfolio.id }))), tx.done]);
  notifyPortfoliosChanged(portfolio.id);
}

/** Removes journal entries of one portfolio (the journal repair); ids of other portfolios are ignored. */
export async function removeTrades(db: QuantDb, portfolioId: string, ids: readonly string[]): Promise<void> {
  const tx = db.transaction('portfolioTrades', 'readwrite');
  const owned = new Set(await tx.store.index('byPortfolio').getAllKeys(portfolioId));
  await Promise.all([...ids.filter((id) => owned.has(id)).map((id) => tx.store.delete(id)), tx.done]);
  notifyPortfoliosChanged(portfolioId);
}

/** Empties the journal: back to the starting capital in cash. */
export async function resetPortfolio(db: QuantDb, portfolioId: string): Promise<void> {
  const tx = db.transaction('portfolioTrades', 'readwrite');
  const keys = await tx.store.index('byPortfolio').getAllKeys(portfolioId);
  await Promise.all([...keys.map((k) => tx.store.delete(k)), tx.done]);
  notifyPortfoliosChanged(portfolioId);
}

/** Removes a portfolio and its journal (one transaction). */
export async function deletePortfolio(db: QuantDb, portfolioId: string): Promise<void> {
  const tx = db.transaction(['portfolios', 'portfolioTrades'], 'readwrite');
  const trades = tx.objectStore('portfolioTrades');
  const keys = await trades.index('byPortfolio').getAllKeys(portfolioId);
  await Promise.all([...keys.map((k) => trades.delete(k)), tx.objectStore('portfolios').delete(portfolioId), tx.done]);
  notifyPortfoliosChanged(portfolioId);
}

/** Stores an imported portfolio with its journal in one transaction and makes it active. */
export async function saveImportedPortfolio(db: QuantDb, { portfolio, trades }: ImportedPortfolio): Promise<void> {
  const tx = db.transaction(['portfolios', 'portfolioTrades'], 'readwrite');
  const tradeStore = tx.objectStore('portfolioTrades');
  await Promise.all([tx.objectStore('portfolios').add(asRecord(portfolio)), ...trades.map((t) => tradeStore.add(asRecord(t))), tx.done]);
  await setActivePortfolioId(db, portfolio.id);
  notifyPortfoliosChanged(portfolio.id);
}

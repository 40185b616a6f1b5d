/**
 * The Overview's state: the stored portfolios, the active one's journal, the closes needed to
 * value it, and the user's settings. All numbers come from src/core/paper; this only loads,
 * saves and keeps the pieces together.
 */
import {
  compareTrades, exportPortfolio, fillOrder, importPortfolio, journalToCsv, lastJournalDate, localToday, portfolioAsOf, portfolioSnapshot, replayUntilFailure, tradeBlocker,
  type AsOf, type CloseSeries, type PaperOrder, type PaperPortfolio, type PaperTrade, type PortfolioSnapshot,
} from '../../core/paper';
import { resolveSettingValues, type SettingValues } from '../../core/settings';
import { loadSettingValues } from '../../store/app-settings';
import { listSymbols, loadSeries } from '../../store/bars';
import { getQuantDb, type QuantDb, type SymbolInfo } from '../../store/db';
import {
  addTrades, createPortfolio, deletePortfolio, getActivePortfolioId, listOrCreatePortfolios, listTrades, newPaperId, removeTrades, resetPortfolio, saveImportedPortfolio, setActivePortfolioId,
  updatePortfolio,
} from '../../store/paper';
import { downloadText, safeFileName } from '../lib/download';
import { watchlistSymbols } from './todays-signals';

export class PaperSession {
  loading = $state(true);
  portfolios = $state<PaperPortfolio[]>([]);
  active = $state<PaperPortfolio | undefined>();
  trades = $state<PaperTrade[]>([]);
  symbols = $state<SymbolInfo[]>([]);
  settings = $state<SettingValues>(resolveSettingValues({}));
  closes = $state.raw<Map<string, CloseSeries>>(new Map());
  benchmarkSymbol = $state<string | undefined>();

  /**
   * The journal replayed as far as it goes. A journal that no longer replays (written by an older
   * version, or by two tabs before trades were checked in one transaction) names its first failing
   * entry; the portfolio is shown as of the entry before it, with a repair offered.
   */
  replay = $derived(this.active ? replayUntilFailure(this.active.startingCapital, this.trades) : undefined);

  snapshot: PortfolioSnapshot | undefined = $derived(
    this.active && this.replay
      ? portfolioSnapshot(this.active, this.replay.applied, this.closes, this.benchmarkSymbol ? this.closes.get(this.benchmarkSymbol) : undefined)
      : undefined,
  );

  /** The portfolio's symbols: the watchlist (every stored symbol when empty) and what it holds. */
  universe: SymbolInfo[] = $derived.by(() => {
    const held = new Set([...(this.replay?.state.holdings.values() ?? [])].filter((h) => h.quantity > 0).map((h) => h.symbol));
    const watched = watchlistSymbols(this.settings, this.symbols);
    return [...watched, ...this.symbols.filter((s) => held.has(s.symbol) && !watched.includes(s))];
  });

  /** The one date today's signals and manual trades act on (see src/core/paper/as-of.ts). */
  asOf: AsOf = $derived(portfolioAsOf(this.universe, localToday(), lastJournalDate(this.trades)));

  #db: QuantDb | undefined;

  private async db(): Promise<QuantDb> {
    this.#db ??= await getQuantDb();
    return this.#db;
  }

  #loading: Promise<void> = Promise.resolve();

  /**
   * Loads everything; creates a first portfolio from the settings when there is none. Loads run
   * one after another (a demo seeding may trigger one while the first is under way).
   */
  load(preferredId?: string): Promise<void> {
    this.#loading = this.#loading.catch(() => undefined).then(() => this.loadNow(preferredId));
    return this.#loading;
  }

  private async loadNow(preferredId?: string): Promise<void> {
    const db = await this.db();
    this.loading = true;
    try {
      const [symbols, settings] = await Promise.all([listSymbols(db), loadSettingValues(db)]);
      this.symbols = symbols;
      this.settings = settings;
      const portfolios = await listOrCreatePortfolios(db, this.newPortfolioFields('My portfolio'));
      const activeId = preferredId ?? (await getActivePortfolioId(db));
      const active = portfolios.find((p) => p.id === activeId) ?? portfolios[0];
      const journal = await this.readJournal(active);
      // Assigned together so the view never shows one portfolio with another's journal.
      this.portfolios = portfolios;
      this.active = active;
      this.applyJournal(journal);
    } finally {
      this.loading = false;
    }
  }

  newPortfolioFields(name: string, startingCapital = Number(this.settings['paper.startingCapital'])) {
    return {
      name,
      startingCapital,
      costs: { commission: Number(this.settings['paper.commission']), slippage: Number(this.settings['paper.slippage']) },
      benchmark: String(this.settings['paper.benchmark']) || undefined,
    };
  }

  /** A portfolio's journal plus the closes of every traded symbol and of the benchmark. */
  private async readJournal(portfolio: PaperPortfolio) {
    const db = await this.db();
    const trades = await listTrades(db, portfolio.id);
    const stored = new Set(this.symbols.map((s) => s.symbol));
    // Without a chosen benchmark, the symbol with the longest history (typically the index).
    const longest = [...this.symbols].sort((a, b) => b.barCount - a.barCount)[0]?.symbol;
    const benchmark = portfolio.benchmark && stored.has(portfolio.benchmark) ? portfolio.benchmark : longest;
    const wanted = [...new Set([...trades.map((t) => t.symbol), ...(benchmark ? [benchmark] : [])])].filter((s) => stored.has(s));
    const series = await Promise.all(wanted.map((s) => loadSeries(db, s)));
    return { trades, benchmark, closes: new Map(series.map((s) => [s.symbol, { dates: s.dates, close: s.close }])) };
  }

  private applyJournal({ trades, benchmark, closes }: Awaited<ReturnType<PaperSession['readJournal']>>): void {
    this.closes = closes;
    this.benchmarkSymbol = benchmark;
    this.trades = trades;
  }

  private async loadJournal(): Promise<void> {
    if (this.active) this.applyJournal(await this.readJournal(this.active));
  }

  async select(id: string): Promise<void> {
    const portfolio = this.portfolios.find((p) => p.id === id);
    if (!portfolio) return;
    await setActivePortfolioId(await this.db(), portfolio.id);
    const journal = await this.readJournal(portfolio);
    this.active = portfolio;
    this.applyJournal(journal);
  }

  /** Changes the symbol the active portfolio's beta is measured against. */
  async setBenchmark(symbol: string): Promise<void> {
    if (!this.active) return;
    const portfolio = { ...this.active, benchmark: symbol };
    await updatePortfolio(await this.db(), portfolio);
    const journal = await this.readJournal(portfolio);
    this.portfolios = this.portfolios.map((p) => (p.id === portfolio.id ? portfolio : p));
    this.active = portfolio;
    this.applyJournal(journal);
  }

  async create(name: string, startingCapital: number): Promise<void> {
    const portfolio = await createPortfolio(await this.db(), this.newPortfolioFields(name, startingCapital));
    await this.load(portfolio.id);
  }

  async reset(): Promise<void> {
    if (!this.active) return;
    await resetPortfolio(await this.db(), this.active.id);
    await this.loadJournal();
  }

  async remove(): Promise<void> {
    if (!this.active) return;
    await deletePortfolio(await this.db(), this.active.id);
    this.active = undefined;
    await this.load();
  }

  /**
   * Books orders as mock trades at the as-of date's close (all or nothing); a symbol whose data
   * does not reach that date is refused.
   */
  async execute(orders: readonly Omit<PaperOrder, 'date' | 'marketPrice'>[]): Promise<PaperTrade[]> {
    const portfolio = this.active;
    if (!portfolio) throw new Error('No portfolio selected');
    const executedAt = new Date().toISOString();
    const trades = orders.map((order) => {
      const info = this.symbols.find((s) => s.symbol === order.symbol);
      const blocker = tradeBlocker(this.asOf, order.symbol, info?.lastDate);
      if (blocker || !info || !this.asOf.date) throw new Error(blocker);
      return fillOrder({ ...order, date: this.asOf.date, marketPrice: info.lastClose }, portfolio.id, portfolio.costs, newPaperId('tr'), executedAt);
    });
    await addTrades(await this.db(), portfolio, trades);
    await this.loadJournal();
    return trades;
  }

  /**
   * Repairs a journal that no longer replays: removes its first failing entry, and with `andLater`
   * every entry after it too (journal order). Another failure further on is shown next.
   */
  async removeFailingEntry(andLater: boolean): Promise<number> {
    const failure = this.replay?.failure;
    if (!this.active || !failure) return 0;
    const ids = andLater ? [...this.trades].sort(compareTrades).slice(failure.index).map((t) => t.id) : [failure.trade.id];
    await removeTrades(await this.db(), this.active.id, ids);
    await this.loadJournal();
    return ids.length;
  }

  exportJson(): void {
    if (!this.active) return;
    downloadText(`${safeFileName(this.active.name)}-portfolio.json`, JSON.stringify(exportPortfolio(this.active, this.trades), null, 2));
  }

  exportCsv(): void {
    if (!this.active) return;
    downloadText(`${safeFileName(this.active.name)}-journal.csv`, journalToCsv(this.trades), 'text/csv');
  }

  /** Validates the file completely before anything is stored. */
  async importJson(text: string): Promise<PaperPortfolio> {
    const imported = importPortfolio(text, () => newPaperId('imp'));
    await saveImportedPortfolio(await this.db(), imported);
    await this.load(imported.portfolio.id);
    return imported.portfolio;
  }
}

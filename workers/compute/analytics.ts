/**
 * Analytics in the compute worker: the value curves (stored symbols, saved backtest runs, the paper
 * portfolio's equity) are read from IndexedDB and analysed here, and only the results reach the page.
 */
import { analyseCurves, curveFromSeries, type CurveAnalysis, type ValueCurve } from '../../src/core/analytics';
import { equityHistory } from '../../src/core/paper';
import { loadSeries } from '../../src/store/bars';
import { getQuantDb } from '../../src/store/db';
import { getActivePortfolioId, listPortfolios, listTrades } from '../../src/store/paper';
import { listRecords } from '../../src/store/records';

/** The fields of a saved backtest run analytics reads (saved by the Backtest tab). */
interface SavedRunCurve {
  id: string;
  name: string;
  report: { equityCurve: { date: string; equity: number }[] };
}

/** Curves that can be chosen besides the stored symbols. */
export interface AnalyticsSources {
  runs: { id: string; name: string }[];
  /** Name of the active paper portfolio's equity curve, when it has one. */
  portfolio?: string;
}

export interface AnalyticsSelection {
  symbols: string[];
  runIds: string[];
  withPortfolio: boolean;
  /** Symbol whose returns rolling beta is measured against ('' for none). */
  benchmark: string;
  /** Rolling window in calendar months, turned into each series' own periods (3 = 63 days or 3 monthly bars). */
  windowMonths: number;
}

async function loadSymbolCurves(symbols: readonly string[]): Promise<ValueCurve[]> {
  const db = await getQuantDb();
  const series = await Promise.all(symbols.map((s) => loadSeries(db, s)));
  return series.filter((s) => s.dates.length > 1).map(curveFromSeries);
}

async function listSavedRuns(): Promise<SavedRunCurve[]> {
  const runs = await listRecords<SavedRunCurve>(await getQuantDb(), 'backtestRuns');
  return runs.filter((r) => Array.isArray(r.report?.equityCurve));
}

function runCurve(run: SavedRunCurve): ValueCurve {
  return { name: `Run: ${run.name}`, dates: run.report.equityCurve.map((p) => p.date), values: Float64Array.from(run.report.equityCurve, (p) => p.equity) };
}

/** The active paper portfolio's daily equity (journal replayed at each close), if it has trades. */
async function loadPortfolioCurve(): Promise<ValueCurve | undefined> {
  const db = await getQuantDb();
  const portfolios = await listPortfolios(db);
  const activeId = await getActivePortfolioId(db);
  const portfolio = portfolios.find((p) => p.id === activeId) ?? portfolios[0];
  if (!portfolio) return undefined;
  const trades = await listTrades(db, portfolio.id);
  const symbols = [...new Set(trades.map((t) => t.symbol))];
  const series = await Promise.all(symbols.map((s) => loadSeries(db, s)));
  const history = equityHistory(portfolio.startingCapital, trades, new Map(series.map((s) => [s.symbol, { dates: s.dates, close: s.close }])));
  return history.dates.length > 1 ? { name: `Portfolio: ${portfolio.name}`, dates: history.dates, values: history.equity } : undefined;
}

export const analyticsApi = {
  async analyticsSources(): Promise<AnalyticsSources> {
    const [runs, portfolio] = await Promise.all([listSavedRuns(), loadPortfolioCurve()]);
    return { runs: runs.map((r) => ({ id: r.id, name: r.name })), portfolio: portfolio?.name };
  },

  async analyse(selection: AnalyticsSelection): Promise<CurveAnalysis> {
    const [symbolCurves, [benchmark], runs, portfolio] = await Promise.all([
      loadSymbolCurves(selection.symbols),
      selection.benchmark ? loadSymbolCurves([selection.benchmark]) : Promise.resolve([]),
      selection.runIds.length ? listSavedRuns() : Promise.resolve([]),
      selection.withPortfolio ? loadPortfolioCurve() : Promise.resolve(undefined),
    ]);
    const curves = [...symbolCurves, ...runs.filter((r) => selection.runIds.includes(r.id)).map(runCurve), ...(portfolio ? [portfolio] : [])];
    return analyseCurves(curves, selection.windowMonths, benchmark);
  },
};

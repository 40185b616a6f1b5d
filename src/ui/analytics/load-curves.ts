/** Reads the value curves the Analytics tab compares: stored symbols, saved backtest runs, the paper portfolio. */
import { curveFromSeries, type ValueCurve } from '../../core/analytics';
import { loadSeries } from '../../store/bars';
import { getQuantDb } from '../../store/db';
import { listRecords } from '../../store/records';
import { equityHistory } from '../../core/paper';
import { getActivePortfolioId, listPortfolios, listTrades } from '../../store/paper';

/** The fields of a saved backtest run this tab reads (saved by the Backtest tab). */
export interface SavedRunCurve {
  id: string;
  name: string;
  report: { equityCurve: { date: string; equity: number }[] };
}

export async function loadSymbolCurves(symbols: readonly string[]): Promise<ValueCurve[]> {
  const db = await getQuantDb();
  const series = await Promise.all(symbols.map((s) => loadSeries(db, s)));
  return series.filter((s) => s.dates.length > 1).map(curveFromSeries);
}

export async function listSavedRuns(): Promise<SavedRunCurve[]> {
  const runs = await listRecords<SavedRunCurve>(await getQuantDb(), 'backtestRuns');
  return runs.filter((r) => Array.isArray(r.report?.equityCurve));
}

export function runCurve(run: SavedRunCurve): ValueCurve {
  return { name: `Run: ${run.name}`, dates: run.report.equityCurve.map((p) => p.date), values: Float64Array.from(run.report.equityCurve, (p) => p.equity) };
}

/** The active paper portfolio's daily equity (journal replayed at each close), if it has trades. */
export async function loadPortfolioCurve(): Promise<ValueCurve | undefined> {
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

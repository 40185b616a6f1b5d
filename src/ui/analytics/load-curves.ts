/** Reads the value curves the Analytics tab compares: stored symbols and saved backtest runs. */
import { curveFromSeries, type ValueCurve } from '../../core/analytics';
import { loadSeries } from '../../store/bars';
import { getQuantDb } from '../../store/db';
import { listRecords } from '../../store/records';

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

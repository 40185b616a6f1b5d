/**
 * Exports of stored symbols. Both formats read back through `parseImportFile` unchanged:
 * - JSON: `{format: "quant-lens/bars", version: 1, series: [{symbol, name?, bars}]}`; unknown
 *   volume is written `null` (JSON has no NaN). Numbers are written exactly, so a round trip is exact.
 * - CSV: one long table `symbol,date,open,high,low,close,adj_close,volume` (adj_close only when some
 *   bar has one); unknown values are empty cells.
 */
import { table, toCSV } from 'arquero';
import { EXPORT_FORMAT, EXPORT_VERSION } from './json';
import type { Bar } from './types';

export interface ExportSeries {
  symbol: string;
  name?: string;
  bars: readonly Bar[];
}

/** A bar as exported: unknown volume becomes null. */
export interface ExportedBar extends Omit<Bar, 'volume'> {
  volume: number | null;
}

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  series: { symbol: string; name?: string; bars: ExportedBar[] }[];
}

/** The export as a plain object (for callers that add fields, e.g. the CLI's quality report). */
export function exportDocument(series: readonly ExportSeries[]): ExportDocument {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    series: series.map((s) => ({
      symbol: s.symbol,
      ...(s.name !== undefined ? { name: s.name } : {}),
      bars: s.bars.map((b) => ({
        date: b.date,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        ...(b.adjClose !== undefined ? { adjClose: b.adjClose } : {}),
        volume: Number.isFinite(b.volume) ? b.volume : null,
      })),
    })),
  };
}

export function exportJson(series: readonly ExportSeries[]): string {
  return JSON.stringify(exportDocument(series));
}

/** Unknown numbers (NaN, a bar without adjusted close) become empty cells. */
const numberCell = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '' : String(value));

export function exportCsv(series: readonly ExportSeries[]): string {
  const rows = series.flatMap((s) => s.bars.map((bar) => ({ symbol: s.symbol, bar })));
  const withAdj = rows.some((r) => r.bar.adjClose !== undefined);
  const columns: Record<string, unknown[]> = {
    symbol: rows.map((r) => r.symbol),
    date: rows.map((r) => r.bar.date),
    open: rows.map((r) => r.bar.open),
    high: rows.map((r) => r.bar.high),
    low: rows.map((r) => r.bar.low),
    close: rows.map((r) => r.bar.close),
    ...(withAdj ? { adj_close: rows.map((r) => r.bar.adjClose) } : {}),
    volume: rows.map((r) => r.bar.volume),
  };
  const numeric = Object.keys(columns).filter((name) => name !== 'symbol' && name !== 'date');
  return toCSV(table(columns), { format: Object.fromEntries(numeric.map((name) => [name, numberCell])) });
}

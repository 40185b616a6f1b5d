/**
 * Exports of stored symbols. Both formats read back through `parseImportFile` unchanged:
 * - JSON: `{format: "quant-lens/bars", version: 1, series: [{symbol, name?, bars}]}`; unknown
 *   volume is written `null` (JSON has no NaN). Numbers are written exactly, so a round trip is exact.
 * - CSV: one long table `symbol,date,open,high,low,close,adj_close,volume`, the same columns for one
 *   symbol or all of them; unknown values (volume, a bar without adjusted close) are empty cells;
 *   text cells follow the app's CSV escaping rule (`csvCell`).
 */
import { csvCell, csvNumber } from './csv';
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

export const CSV_EXPORT_COLUMNS = ['symbol', 'date', 'open', 'high', 'low', 'close', 'adj_close', 'volume'] as const;

export function exportCsv(series: readonly ExportSeries[]): string {
  const lines = [CSV_EXPORT_COLUMNS.join(',')];
  for (const s of series) {
    const symbol = csvCell(s.symbol);
    for (const b of s.bars) {
      lines.push(`${symbol},${csvCell(b.date)},${csvNumber(b.open)},${csvNumber(b.high)},${csvNumber(b.low)},${csvNumber(b.close)},${csvNumber(b.adjClose)},${csvNumber(b.volume)}`);
    }
  }
  return lines.join('\n') + '\n';
}

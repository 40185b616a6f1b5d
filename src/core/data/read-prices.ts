/** Price files (CSV or JSON bars) as series, through the same importer as the Data tab and the CLI. */
import { parseImportFile } from './parse';
import { barsToSeries, type PriceSeries } from './types';

/**
 * Every symbol of one price file. The file name gives the symbol of a one-symbol CSV (`AAPL.csv` -> AAPL)
 * and tells CSV from JSON. Any error found stops the read with the importer's message (row, column, what
 * was expected); warnings (gaps, repaired rows) do not.
 */
export async function readPriceFile(name: string, bytes: Uint8Array): Promise<PriceSeries[]> {
  const parsed = await parseImportFile({ name, bytes });
  if (parsed.needsMapping) throw new Error(`${name}: columns not recognised (${parsed.needsMapping.reasons.join('; ')})`);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (!parsed.ok || errors.length) {
    const where = (p: (typeof errors)[number]) => [p.row !== undefined ? `row ${p.row}` : '', p.column ? `column ${p.column}` : ''].filter(Boolean).join(', ');
    throw new Error(`${name}: ${errors.slice(0, 3).map((p) => (where(p) ? `${where(p)}: ` : '') + p.message).join('; ') || 'could not be read'}`);
  }
  return parsed.symbols.map((s) => barsToSeries(s.symbol, s.bars));
}

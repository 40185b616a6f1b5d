/** Reading price files for the CLI commands, through the same importer the app uses. */
import { readFile } from 'node:fs/promises';
import { parseImportFile } from '../core/data/parse';
import { barsToSeries, type PriceSeries } from '../core/data/types';
import { CliError } from './args';

/** Reads one price file with the data importer; any problem stops the command with the importer's message. */
export async function readSeries(path: string): Promise<PriceSeries[]> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const parsed = await parseImportFile({ name: path, bytes });
  if (parsed.needsMapping) throw new CliError(`${path}: columns not recognised (${parsed.needsMapping.reasons.join('; ')})`);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (!parsed.ok || errors.length) {
    const where = (p: (typeof errors)[number]) => [p.row !== undefined ? `row ${p.row}` : '', p.column ? `column ${p.column}` : ''].filter(Boolean).join(', ');
    throw new CliError(`${path}: ${errors.slice(0, 3).map((p) => (where(p) ? `${where(p)}: ` : '') + p.message).join('; ') || 'could not be read'}`);
  }
  return parsed.symbols.map((s) => barsToSeries(s.symbol, s.bars));
}

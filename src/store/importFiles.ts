/**
 * The import path shared by the Data tab, the demo seeding and tests: parsed files are written
 * together in one transaction, and only when every file is clean.
 */
import type { FileParse } from '../core/data/parse';
import { formatProblem } from '../core/data/problems';
import { summariseQuality } from '../core/data/quality';
import { importBatch, type ImportOutcome, type MergePolicy } from './bars';
import type { QuantDb } from './db';

/** Some file of the batch has errors or unmapped columns: nothing was written. */
export class ImportBlockedError extends Error {
  constructor(readonly blocked: readonly FileParse[]) {
    const first = blocked[0];
    const firstError = first.problems.find((p) => p.severity === 'error');
    super(`${blocked.length} file(s) cannot be imported; nothing was written. ${
      firstError ? formatProblem(firstError) : `${first.file}: choose the columns first`}`);
    this.name = 'ImportBlockedError';
  }
}

/**
 * Writes every symbol of every file in one transaction (all or nothing), with the quality summary
 * of each symbol's merged history. A symbol present in several files is merged file by file.
 */
export async function importParsedFiles(db: QuantDb, files: readonly FileParse[], merge: MergePolicy): Promise<ImportOutcome[]> {
  const blocked = files.filter((f) => !f.ok);
  if (blocked.length > 0) throw new ImportBlockedError(blocked);
  const items = files.flatMap((f) => f.symbols.map((s) => ({ symbol: s.symbol, name: s.name, source: f.file, bars: s.bars })));
  return importBatch(db, items, { merge, assess: summariseQuality });
}

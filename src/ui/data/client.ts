/**
 * The Data tab's calls into the compute worker, each run as a job (tray entry, progress, cancel).
 * Files are read here only to hand their bytes to the worker (transferred, not copied).
 */
import { proxy, transfer } from 'comlink';
import { MAX_IMPORT_BYTES } from '../../core/data/decode';
import type { FilePreview } from '../../core/data/preview';
import type { ParseOptions } from '../../core/data/parse';
import type { QualityReport } from '../../core/data/quality';
import type { ImportOutcome, MergePolicy } from '../../store/bars';
import { notifySymbolsChanged } from '../../store/events';
import type { FileToImport } from '../../../workers/compute/data';
import { runJob } from '../lib/jobs';
import { computeWorker } from '../lib/workers';

export interface ParsedBatch {
  importId: string;
  previews: FilePreview[];
}

const cancel = (jobId: string) => computeWorker().cancel(jobId);

/** Reads and parses files in the worker. Files over the size limit are not read at all. */
export async function parseFiles(files: readonly File[]): Promise<ParsedBatch> {
  const payload: FileToImport[] = await Promise.all(
    files.map(async (f) => (f.size > MAX_IMPORT_BYTES ? { name: f.name, bytes: new ArrayBuffer(0), size: f.size } : { name: f.name, bytes: await f.arrayBuffer() })),
  );
  const label = files.length === 1 ? `Read ${files[0].name}` : `Read ${files.length} files`;
  return runJob('import', label, ({ jobId, onProgress }) =>
    computeWorker().parseImport(jobId, transfer(payload, payload.map((p) => p.bytes)), proxy(onProgress)),
    { cancel, successMessage: false });
}

export async function reparseFile(importId: string, index: number, options: ParseOptions): Promise<FilePreview> {
  return runJob('import', 'Read again', ({ jobId }) => computeWorker().reparseFile(jobId, importId, index, options), { cancel, successMessage: false });
}

/** Writes the batch (all or nothing) and tells every view that symbols changed. */
export async function commitImport(importId: string, merge: MergePolicy): Promise<ImportOutcome[]> {
  const outcome = await computeWorker().commitImport(importId, merge);
  notifySymbolsChanged();
  return outcome;
}

export function discardImport(importId: string): void {
  void computeWorker().discardImport(importId);
}

export function qualityReport(symbol: string): Promise<QualityReport> {
  return computeWorker().qualityReport(symbol);
}

export function exportSymbols(symbols: string[], format: 'csv' | 'json'): Promise<string> {
  return computeWorker().exportSymbols(symbols, format);
}

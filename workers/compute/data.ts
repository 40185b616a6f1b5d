/**
 * Import and export in the compute worker: files are parsed here (big files never block the UI),
 * kept until the user has seen the preview and chosen how to merge, then written to IndexedDB in one
 * transaction by `commitImport`. The page only ever receives previews.
 */
import type { ProgressListener } from '../../src/core/jobs/progress';
import { exportCsv, exportJson } from '../../src/core/data/export';
import { parseImportFile, type FileParse, type ParseOptions } from '../../src/core/data/parse';
import { previewOf, type FilePreview } from '../../src/core/data/preview';
import { assessQuality, type QualityReport } from '../../src/core/data/quality';
import { listSymbols, loadBars, type ImportOutcome, type MergePolicy } from '../../src/store/bars';
import { getQuantDb } from '../../src/store/db';
import { importParsedFiles } from '../../src/store/importFiles';
import { finishJob, startJob } from './jobs';

export interface FileToImport {
  name: string;
  bytes: ArrayBuffer;
  /** Real size when the file was too large to read (bytes empty). */
  size?: number;
}

interface PendingFile {
  file: FileToImport;
  options: ParseOptions;
  parse: FileParse;
}

/** Parsed batches waiting for the user's decision, by import id. */
const pending = new Map<string, PendingFile[]>();
let importCounter = 0;

async function parseOne(file: FileToImport, options: ParseOptions, signal: AbortSignal, onProgress?: ProgressListener): Promise<FileParse> {
  return parseImportFile({ name: file.name, bytes: new Uint8Array(file.bytes), size: file.size }, options, { signal, onProgress });
}

export const dataApi = {
  /** Parses a batch of files; returns an import id and one preview per file. */
  async parseImport(jobId: string, files: FileToImport[], onProgress?: ProgressListener): Promise<{ importId: string; previews: FilePreview[] }> {
    const signal = startJob(jobId);
    try {
      const batch: PendingFile[] = [];
      for (const [i, file] of files.entries()) {
        onProgress?.({ status: 'progress', done: i, total: files.length, unit: 'files', message: file.name });
        batch.push({ file, options: {}, parse: await parseOne(file, {}, signal, onProgress) });
      }
      const importId = `import-${++importCounter}`;
      pending.set(importId, batch);
      return { importId, previews: batch.map((p) => previewOf(p.parse)) };
    } finally {
      finishJob(jobId);
    }
  },

  /** Parses one file of a pending batch again with new choices (column mapping, keep-last, symbol). */
  async reparseFile(jobId: string, importId: string, index: number, options: ParseOptions): Promise<FilePreview> {
    const signal = startJob(jobId);
    try {
      const entry = pending.get(importId)?.[index];
      if (!entry) throw new Error('this import is no longer pending; choose the files again');
      entry.options = { ...entry.options, ...options };
      entry.parse = await parseOne(entry.file, entry.options, signal);
      return previewOf(entry.parse);
    } finally {
      finishJob(jobId);
    }
  },

  /** Writes every file of the batch in one transaction (all or nothing) and forgets the batch. */
  async commitImport(importId: string, merge: MergePolicy): Promise<ImportOutcome[]> {
    const batch = pending.get(importId);
    if (!batch) throw new Error('this import is no longer pending; choose the files again');
    const outcome = await importParsedFiles(await getQuantDb(), batch.map((p) => p.parse), merge);
    pending.delete(importId);
    return outcome;
  },

  discardImport(importId: string): void {
    pending.delete(importId);
  },

  /** The full quality report (gap table...) of a stored symbol. */
  async qualityReport(symbol: string): Promise<QualityReport> {
    return assessQuality(await loadBars(await getQuantDb(), symbol));
  },

  /** Export text of the given symbols (all when empty). */
  async exportSymbols(symbols: string[], format: 'csv' | 'json'): Promise<string> {
    const db = await getQuantDb();
    const infos = (await listSymbols(db)).filter((s) => symbols.length === 0 || symbols.includes(s.symbol));
    const series = await Promise.all(infos.map(async (s) => ({ symbol: s.symbol, name: s.name, bars: await loadBars(db, s.symbol) })));
    return format === 'csv' ? exportCsv(series) : exportJson(series);
  },
};

/**
 * A small, serialisable view of a parsed file for the import preview: counts, the first and last
 * rows, every problem, the quality report and (if needed) the column-mapping request. The full bars
 * stay where the parse happened (the compute worker) until the user confirms.
 */
import type { FileParse, MappingRequest } from './parse';
import type { DataProblem } from './problems';
import type { QualityReport } from './quality';
import type { Bar } from './types';

export interface SymbolPreview {
  symbol: string;
  name?: string;
  barCount: number;
  firstDate: string;
  lastDate: string;
  head: Bar[];
  tail: Bar[];
  quality: QualityReport;
}

export interface FilePreview {
  file: string;
  format: 'csv' | 'json';
  ok: boolean;
  problems: DataProblem[];
  needsMapping?: MappingRequest;
  symbols: SymbolPreview[];
}

/** `rows` bars from the start and a few from the end of each symbol. */
export function previewOf(parse: FileParse, rows = 8): FilePreview {
  return {
    file: parse.file,
    format: parse.format,
    ok: parse.ok,
    problems: parse.problems,
    needsMapping: parse.needsMapping,
    symbols: parse.symbols.map((s) => ({
      symbol: s.symbol,
      name: s.name,
      barCount: s.bars.length,
      firstDate: s.bars[0].date,
      lastDate: s.bars[s.bars.length - 1].date,
      head: s.bars.slice(0, rows),
      tail: s.bars.length > rows ? s.bars.slice(Math.max(rows, s.bars.length - 3)) : [],
      quality: s.quality,
    })),
  };
}

/**
 * Reading one imported file (CSV or JSON) into validated bars per symbol, with every problem found
 * and a quality report, without touching storage: the caller shows the result and writes it only
 * when there are no errors.
 *
 *   const result = await parseImportFile({ name: 'AAPL.csv', bytes }, {});
 *   if (result.needsMapping) ...ask the user, then parse again with { mapping };
 *   else if (result.ok) await importBatch(db, result.symbols.map(...), { merge: 'replace' });
 */
import type { JobOptions } from '../jobs/progress';
import { checkMapping, detectColumns, mappingFromNames, type BarField, type ColumnMap, type ColumnMapping, type ColumnNames } from './columns';
import { parseCsv, type Delimiter } from './csv';
import type { DateFormat } from './dates';
import { multiRowHeader } from './layouts';
import { decodeText } from './decode';
import { jsonSeries } from './json';
import { readBars, SYMBOL_PATTERN, type ReadOptions, type SymbolBars, type TextTable } from './normalise';
import { ProblemList, type DataProblem } from './problems';
import { assessQuality, type QualityReport } from './quality';
import type { Bar } from './types';

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
  /** Real size of a file too large to read (its `bytes` are then left empty). */
  size?: number;
}

export interface ParseOptions {
  /** Symbol for a one-symbol file (default: from the file name, e.g. `AAPL.csv` -> AAPL). */
  symbol?: string;
  /** Columns chosen by the user after a `needsMapping` answer (CSV only). */
  mapping?: ColumnMapping;
  /** The user confirmed: for a date listed twice keep the later row. */
  keepLastDuplicates?: boolean;
  /** Columns named by the user (CLI `--date-column Day`...): header names or 1-based numbers; resolved into `mapping`. */
  columnNames?: ColumnNames;
  /** CSV delimiter when detection from the header line is not wanted. */
  delimiter?: Delimiter;
  /** Date format when the column's own values do not settle it (e.g. DD/MM files whose days are all <= 12). */
  dateFormat?: DateFormat;
}

export interface ParsedSymbol {
  symbol: string;
  name?: string;
  bars: Bar[];
  quality: QualityReport;
}

/** What the column-mapping form needs. */
export interface MappingRequest {
  /** Column labels (header names, or "Column 1"... when the file has no header). */
  columns: string[];
  /** The first rows as read, for the user to recognise the columns. */
  preview: string[][];
  reasons: string[];
  /** Columns that could hold each field, best first. */
  candidates: Record<BarField, number[]>;
  /** The detected part of the mapping, to prefill the form. */
  guess: ColumnMapping;
}

export interface FileParse {
  file: string;
  format: 'csv' | 'json';
  symbols: ParsedSymbol[];
  problems: DataProblem[];
  /** Set when the user must choose columns before the file can be read. */
  needsMapping?: MappingRequest;
  /** True when the file can be imported: read completely, no errors. */
  ok: boolean;
}

/** A symbol from a file name: `AAPL.csv` -> AAPL, `aapl.us.txt` -> AAPL.US, `SPY (1).csv` -> SPY. */
export function symbolFromFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '').split(/[\s(]/)[0];
  const symbol = stem.toUpperCase().replace(/[^A-Z0-9.\-^=_:]/g, '').slice(0, 32);
  return symbol || 'IMPORTED';
}

function isJson(file: ImportFile, text: string): boolean {
  return /\.json$/i.test(file.name) || /^\s*[[{]/.test(text.slice(0, 64));
}

const columnLabels = (count: number) => Array.from({ length: count }, (_, i) => `Column ${i + 1}`);

export async function parseImportFile(file: ImportFile, options: ParseOptions = {}, job: JobOptions = {}): Promise<FileParse> {
  const problems = new ProblemList(file.name);
  const text = decodeText(file.bytes, problems, file.size);
  const format = text !== null && isJson(file, text) ? 'json' : 'csv';
  const result = (symbols: ParsedSymbol[], needsMapping?: MappingRequest): FileParse => {
    if (!needsMapping && symbols.length === 0 && problems.errorCount === 0) problems.error('no bars in the file');
    return {
    file: file.name,
    format,
    symbols,
    problems: problems.toArray(),
    needsMapping,
    ok: problems.errorCount === 0 && !needsMapping && symbols.length > 0,
    };
  };
  if (text === null) return result([]);
  if (options.symbol !== undefined && !SYMBOL_PATTERN.test(options.symbol)) {
    problems.error(`invalid symbol "${options.symbol.slice(0, 40)}" (letters, digits and . - ^ = _ : / only, at most 32)`);
    return result([]);
  }
  const read = (table: TextTable, columns: ColumnMap, symbol: string, decimalComma: boolean, nameSymbol = false) => {
    const readOptions: ReadOptions = { symbol, keepLastDuplicates: options.keepLastDuplicates ?? false, decimalComma, dateFormat: options.dateFormat, nameSymbol };
    return readBars(table, columns, readOptions, problems, job);
  };
  const defaultSymbol = options.symbol ?? symbolFromFileName(file.name);

  if (format === 'json') {
    const symbols: ParsedSymbol[] = [];
    const series = jsonSeries(text, problems);
    if (options.symbol !== undefined && series.length > 1) {
      problems.error(`the file holds ${series.length} symbols; a symbol can only be given for a one-symbol file`);
      return result([]);
    }
    for (const s of series) {
      const symbol = options.symbol ?? s.symbol ?? defaultSymbol;
      if (!SYMBOL_PATTERN.test(symbol)) {
        problems.error(`invalid symbol "${symbol.slice(0, 40)}" (letters, digits and . - ^ = _ : / only, at most 32)`);
        continue;
      }
      for (const found of await read(s.table, s.columns, symbol, false)) symbols.push(withQuality(found, s.name));
    }
    return result(symbols.filter((s) => s.bars.length > 0));
  }

  const csv = parseCsv(text, options.delimiter);
  if (csv.unterminatedQuoteLine !== undefined) {
    problems.error('a quoted field is never closed (missing ")', csv.unterminatedQuoteLine);
    return result([]);
  }
  if (csv.rows.length === 0) {
    problems.error('empty file (no rows)');
    return result([]);
  }
  const decimalComma = csv.delimiter !== ',';

  const yfinance = options.mapping || options.columnNames ? null : multiRowHeader(csv.rows);
  if (yfinance) {
    for (const problem of yfinance.problems) problems.error(problem);
    if (options.symbol !== undefined && yfinance.tickers.length > 1) {
      problems.error(`the file holds ${yfinance.tickers.length} tickers (${yfinance.tickers.map((t) => t.ticker).join(', ')}); a symbol can only be given for a one-ticker file`);
      return result([]);
    }
    const table: TextTable = { labels: yfinance.labels, rows: csv.rows.slice(yfinance.headerRows), rowNumbers: csv.lines.slice(yfinance.headerRows) };
    const symbols: ParsedSymbol[] = [];
    for (const { ticker, columns } of yfinance.tickers) {
      const symbol = options.symbol ?? ticker;
      if (!SYMBOL_PATTERN.test(symbol)) {
        problems.error(`invalid ticker "${symbol.slice(0, 40)}" in the header (letters, digits and . - ^ = _ : / only, at most 32)`);
        continue;
      }
      for (const found of await read(table, columns, symbol, decimalComma, yfinance.tickers.length > 1)) symbols.push(withQuality(found));
    }
    return result(symbols.filter((s) => s.bars.length > 0));
  }

  const width = Math.max(...csv.rows.slice(0, 50).map((r) => r.length));
  let mapping = options.mapping;
  if (options.columnNames) {
    const named = mappingFromNames(csv.rows[0], options.columnNames);
    for (const problem of named.problems) problems.error(`column names: ${problem}`);
    if (!named.mapping) return result([]);
    mapping = named.mapping;
  }
  if (mapping) {
    const issues = checkMapping(mapping, width);
    if (issues.length > 0) {
      problems.error(`column mapping: ${issues.join('; ')}`);
      return result([]);
    }
  } else {
    const detection = detectColumns(csv.rows[0], csv.rows.slice(1, 51));
    if (detection.needsMapping) {
      const labels = detection.mapping.hasHeader ? csv.rows[0] : columnLabels(width);
      return result([], {
        columns: labels,
        preview: csv.rows.slice(detection.mapping.hasHeader ? 1 : 0, 11),
        reasons: detection.reasons,
        candidates: detection.candidates,
        guess: detection.mapping,
      });
    }
    mapping = detection.mapping;
  }
  const skip = mapping.hasHeader ? 1 : 0;
  const table: TextTable = {
    labels: mapping.hasHeader ? csv.rows[0] : columnLabels(width),
    rows: csv.rows.slice(skip),
    rowNumbers: csv.lines.slice(skip),
  };
  if (table.rows.length === 0) {
    problems.error('no data rows (only a header)');
    return result([]);
  }
  const columns = { ...mapping.columns };
  if (options.symbol !== undefined && columns.symbol !== undefined) {
    const distinct = new Set(table.rows.map((r) => (r[columns.symbol!] ?? '').trim()));
    if (distinct.size > 1) {
      problems.error(`the file holds ${distinct.size} symbols (${[...distinct].slice(0, 5).join(', ')}); a symbol can only be given for a one-symbol file`);
      return result([]);
    }
    delete columns.symbol;
  }
  if (mapping.hasHeader) noteUnusedColumns(table.labels, mapping.columns, problems);
  const found = await read(table, columns, defaultSymbol, decimalComma);
  return result(found.filter((s) => s.bars.length > 0).map((s) => withQuality(s)));
}

/** Named header columns that are not imported (e.g. yfinance's Dividends, Investing.com's Change %), said once. */
function noteUnusedColumns(labels: readonly string[], columns: ColumnMap, problems: ProblemList): void {
  const used = new Set(Object.values(columns));
  const unused = labels.filter((label, i) => !used.has(i) && label.trim() !== '');
  if (unused.length > 0) problems.note(`column${unused.length === 1 ? '' : 's'} not imported: ${unused.map((l) => l.trim()).join(', ')}`);
}

function withQuality(found: SymbolBars, name?: string): ParsedSymbol {
  const parsed: ParsedSymbol = { symbol: found.symbol, bars: found.bars, quality: assessQuality(found.bars, found.duplicateDates) };
  if (name !== undefined) parsed.name = name;
  return parsed;
}

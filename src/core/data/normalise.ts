/**
 * Rows of text cells -> validated bars, one list per symbol. Shared by the CSV and JSON readers so
 * both apply exactly the same rules (see docs/data.md, "Validation rules"):
 * errors (block the import): unparseable or missing dates/prices, rows with more fields than the
 * header, impossible values (prices not above 0 or absurdly large, dates outside 1900..tomorrow:
 * limits.ts), negative volume, high < low, open/close outside [low, high], bad symbols, duplicate dates (unless the user chose to
 * keep the last); warnings: rows with no prices at all (skipped), duplicates kept; notes: sorting,
 * absent columns filled in.
 */
import { makeCheckpointer, throwIfCancelled, type JobOptions } from '../jobs/progress';
import { cellNumber } from './cells';
import { uncsvCell } from './csv';
import type { ColumnMap } from './columns';
import { DATE_FORMAT_LABEL, detectDateFormat, likelyDateFormat, parseDateAs, type DateFormat } from './dates';
import { impossibleDate, impossiblePrice, latestDate } from './limits';
import type { ProblemList } from './problems';
import type { Bar } from './types';

/** Data rows of a file with the 1-based row number each came from. */
export interface TextTable {
  /** Column labels used in problem reports. */
  labels: string[];
  rows: string[][];
  rowNumbers: number[];
}

export interface ReadOptions {
  /** Symbol of files without a symbol column. */
  symbol: string;
  /** The user confirmed: for a date listed twice keep the later row. */
  keepLastDuplicates: boolean;
  /** `12,5` means 12.5 (files delimited by `;` or tab). */
  decimalComma: boolean;
  /** Last date accepted (default: tomorrow in UTC, `latestDate()`). */
  latestDate?: string;
  /** The date format, when the user named it (default: detected from the column). */
  dateFormat?: DateFormat;
  /** Row messages start with the symbol (several symbols read from the same rows, e.g. a yfinance file). */
  nameSymbol?: boolean;
}

export interface SymbolBars {
  symbol: string;
  bars: Bar[];
  /** Dates that appeared more than once (resolved or not). */
  duplicateDates: number;
}

/** Ticker-like names: letters, digits and `.-^=_:/` (BRK.B, ^GSPC, EURUSD=X), at most 32 characters. */
export const SYMBOL_PATTERN = /^[A-Za-z0-9.\-^=_:/]{1,32}$/;

const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;
type PriceField = (typeof PRICE_FIELDS)[number];

/** Up to ~5000 date cells spread over the file: enough to settle the format (e.g. MM/DD vs DD/MM). */
function sampleDates(table: TextTable, column: number): string[] {
  const step = Math.max(1, Math.floor(table.rows.length / 5000));
  const out: string[] = [];
  for (let i = 0; i < table.rows.length; i += step) {
    const cell = table.rows[i][column];
    if (cell !== undefined && cell.trim() !== '') out.push(cell);
  }
  return out;
}

interface RowBar {
  symbol: string;
  row: number;
  bar: Bar;
}

function isBlankRow(cells: readonly string[], from = 0): boolean {
  for (let i = from; i < cells.length; i++) if (cells[i].length > 0 && cells[i].trim() !== '') return false;
  return true;
}

export async function readBars(table: TextTable, columns: ColumnMap, options: ReadOptions, problems: ProblemList, job: JobOptions = {}): Promise<SymbolBars[]> {
  const label = (index: number) => table.labels[index] ?? `column ${index + 1}`;
  const dateColumn = columns.date!;
  const samples = sampleDates(table, dateColumn);
  const dateFormat: DateFormat | null = options.dateFormat ?? detectDateFormat(samples) ?? likelyDateFormat(samples);
  // Every day <= 12: the values fit DD/MM as well, and MM/DD was only the US default.
  if (!options.dateFormat && dateFormat === 'mdy' && samples.every((v) => parseDateAs(v, 'dmy') !== null)) {
    problems.note(`dates read as MM/DD/YYYY; every one also fits DD/MM/YYYY: choose the date format if that is wrong`, undefined, label(dateColumn));
  }
  const latest = options.latestDate ?? latestDate();
  const expectedDate = dateFormat ? DATE_FORMAT_LABEL[dateFormat] : 'a date such as 2024-01-31';
  const width = Math.max(...Object.values(columns).map((i) => i + 1));
  const headerWidth = Math.max(width, table.labels.length);
  // Present price columns, and one reusable slot per column for the row being read (no per-row garbage).
  const priceFields = PRICE_FIELDS.filter((f) => columns[f] !== undefined);
  const priceColumns = priceFields.map((f) => columns[f]!);
  const slot = (field: PriceField) => priceFields.indexOf(field);
  const [openSlot, highSlot, lowSlot, closeSlot] = [slot('open'), slot('high'), slot('low'), slot('close')];
  const values: (number | null | undefined)[] = new Array(priceColumns.length);
  const volumeColumn = columns.volume ?? -1;
  const adjColumn = columns.adjClose ?? -1;
  const { decimalComma } = options;
  const pause = makeCheckpointer(job.signal);
  const read: RowBar[] = [];
  let withoutVolume = 0;
  let withoutAdjClose = 0;

  /** An optional column's value (undefined when empty); reports text that is not a number or a value `check` refuses. */
  const optionalNumber = (cells: readonly string[], index: number, row: number, check: (value: number) => string | null): number | undefined | false => {
    if (index < 0) return undefined;
    const value = cellNumber(cells[index], decimalComma);
    const refused = value === null || value === undefined ? null : check(value);
    if (value === null) problems.error(`not a number: "${cells[index].trim().slice(0, 40)}"`, row, label(index));
    else if (refused !== null) problems.error(refused, row, label(index));
    else return value;
    return false;
  };
  const volumeProblem = (value: number) => (value < 0 ? `negative volume ${value}` : null);

  for (let r = 0; r < table.rows.length; r++) {
    if ((r & 4095) === 0) {
      throwIfCancelled(job.signal); // deterministic; pause() only yields once enough time has passed
      await pause();
      job.onProgress?.({ status: 'progress', done: r, total: table.rows.length, unit: 'rows' });
    }
    const cells = table.rows[r];
    const row = table.rowNumbers[r];
    if (isBlankRow(cells)) continue;
    if (cells.length < width) {
      problems.error(`expected at least ${width} fields, found ${cells.length}`, row);
      continue;
    }
    // Extra values (e.g. `22,351,900` written without quotes) would shift every later column: never
    // read such a row. Trailing empty fields (a spreadsheet's extra delimiters) are harmless.
    if (cells.length > headerWidth && !isBlankRow(cells, headerWidth)) {
      problems.error(`expected ${headerWidth} fields as in the header, found ${cells.length} (an unquoted thousands separator or stray delimiter?)`, row);
      continue;
    }
    let ok = true;
    const date = dateFormat ? parseDateAs(cells[dateColumn], dateFormat) : null;
    if (date === null) {
      const shown = cells[dateColumn].trim();
      problems.error(shown === '' ? 'missing date' : `unparseable date "${shown.slice(0, 40)}" (expected ${expectedDate})`, row, label(dateColumn));
      ok = false;
    } else {
      const refused = impossibleDate(date, latest);
      if (refused !== null) {
        problems.error(refused, row, label(dateColumn));
        ok = false;
      }
    }
    let symbol = options.symbol;
    if (columns.symbol !== undefined) {
      symbol = uncsvCell(cells[columns.symbol].trim());
      if (!SYMBOL_PATTERN.test(symbol)) {
        problems.error(symbol === '' ? 'missing symbol' : `invalid symbol "${symbol.slice(0, 40)}" (letters, digits and . - ^ = _ : / only)`, row, label(columns.symbol));
        ok = false;
      }
    }
    let missing = 0;
    for (let k = 0; k < priceColumns.length; k++) if ((values[k] = cellNumber(cells[priceColumns[k]], decimalComma)) === undefined) missing++;
    if (missing === priceColumns.length) {
      // Yahoo writes holidays as rows of "null": nothing to keep, nothing wrong with the rest of the file.
      problems.warn(`${options.nameSymbol ? `${options.symbol}: ` : ''}no prices in this row: skipped`, row);
      continue;
    }
    for (let k = 0; k < priceColumns.length; k++) {
      const value = values[k];
      const refused = value === undefined || value === null ? null : impossiblePrice(value);
      if (value !== undefined && value !== null && refused === null) continue;
      const index = priceColumns[k];
      if (value === undefined) problems.error('missing value', row, label(index));
      else if (value === null) problems.error(`not a number: "${cells[index].trim().slice(0, 40)}"`, row, label(index));
      else problems.error(refused!, row, label(index));
      ok = false;
    }
    // Volume and adjusted close are optional per bar: an empty cell means "unknown", not an error.
    const volume = optionalNumber(cells, volumeColumn, row, volumeProblem);
    const adjClose = optionalNumber(cells, adjColumn, row, impossiblePrice);
    if (volume === false || adjClose === false || !ok) continue;
    if (volumeColumn >= 0 && volume === undefined) withoutVolume++;
    if (adjColumn >= 0 && adjClose === undefined) withoutAdjClose++;
    const close = values[closeSlot] as number;
    const open = openSlot < 0 ? close : (values[openSlot] as number);
    // Without high/low columns the bar's range is what open and close span.
    const high = highSlot < 0 ? Math.max(open, close) : (values[highSlot] as number);
    const low = lowSlot < 0 ? Math.min(open, close) : (values[lowSlot] as number);
    if (high < low) {
      problems.error(`high ${high} is below low ${low}`, row, label(columns.high ?? columns.close!));
      continue;
    }
    if (open < low || open > high || close < low || close > high) {
      const [field, value] = open < low || open > high ? (['open', open] as const) : (['close', close] as const);
      problems.error(`${field} ${value} is ${value < low ? `below low ${low}` : `above high ${high}`}`, row, label(columns[field] ?? columns.close!));
      continue;
    }
    const bar: Bar = { date: date!, open, high, low, close, volume: volume ?? NaN };
    if (adjClose !== undefined) bar.adjClose = adjClose;
    read.push({ symbol, row, bar });
  }

  if (columns.open === undefined && columns.high === undefined && columns.low === undefined) {
    problems.note('no open/high/low columns: open, high and low are set to the close');
  } else if (columns.open === undefined || columns.high === undefined || columns.low === undefined) {
    const absent = (['open', 'high', 'low'] as const).filter((f) => columns[f] === undefined);
    const filled = [columns.open === undefined ? 'open is set to the close' : '', columns.high === undefined || columns.low === undefined ? 'a missing high/low is taken from open and close' : ''];
    problems.note(`no ${absent.join('/')} column: ${filled.filter(Boolean).join('; ')}`);
  }
  if (columns.volume === undefined) problems.note('no volume column: volume is unknown');
  else if (withoutVolume > 0) problems.note(`${withoutVolume} rows without volume (stored as unknown)`);
  // An entirely empty adjusted-close column (e.g. an export of symbols without one) is not worth a note.
  if (withoutAdjClose > 0 && withoutAdjClose < read.length) problems.note(`${withoutAdjClose} rows without adjusted close`);
  return groupBySymbol(read, options.keepLastDuplicates, problems);
}

/** Splits rows by symbol, sorts each symbol's bars by date and resolves duplicate dates. */
function groupBySymbol(read: RowBar[], keepLast: boolean, problems: ProblemList): SymbolBars[] {
  const groups = new Map<string, RowBar[]>();
  for (const item of read) {
    let group = groups.get(item.symbol);
    if (!group) groups.set(item.symbol, (group = []));
    group.push(item);
  }
  const out: SymbolBars[] = [];
  for (const [symbol, items] of groups) {
    const prefix = groups.size > 1 ? `${symbol}: ` : '';
    const sorted = items.every((it, i) => i === 0 || items[i - 1].bar.date <= it.bar.date);
    if (!sorted) {
      problems.note(`${prefix}rows are not in date order: sorted by date`);
      items.sort((a, b) => (a.bar.date < b.bar.date ? -1 : a.bar.date > b.bar.date ? 1 : a.row - b.row));
    }
    const bars: Bar[] = [];
    let duplicateDates = 0;
    let lastDuplicate = '';
    for (let i = 0; i < items.length; i++) {
      const next = items[i + 1];
      if (next && next.bar.date === items[i].bar.date) {
        const { date } = next.bar;
        if (date !== lastDuplicate) {
          duplicateDates++;
          lastDuplicate = date;
        }
        if (keepLast) problems.warn(`${prefix}duplicate date ${date} (also row ${items[i].row}): kept this later row`, next.row);
        else problems.error(`${prefix}duplicate date ${date} (also row ${items[i].row}); confirm "keep last" to import the later row`, next.row);
        continue;
      }
      bars.push(items[i].bar);
    }
    out.push({ symbol, bars, duplicateDates });
  }
  return out;
}

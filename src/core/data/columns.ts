/**
 * Which column holds what. Header names are compared case- and punctuation-insensitively against
 * known names (Yahoo `Adj Close`, Stooq `<CLOSE>` and Polish `Zamkniecie`, vega `adjclose`, Nasdaq
 * `Close/Last`...). When the date or close column cannot be found, or two columns claim the same
 * field, detection returns `needsMapping` with the candidates so the user picks.
 */
import { detectDateFormat } from './dates';

export type BarField = 'symbol' | 'date' | 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume';

export const BAR_FIELDS: readonly BarField[] = ['symbol', 'date', 'open', 'high', 'low', 'close', 'adjClose', 'volume'];
export const REQUIRED_FIELDS: readonly BarField[] = ['date', 'close'];

/** Field -> 0-based column index; fields not in the file are absent. */
export type ColumnMap = Partial<Record<BarField, number>>;

/** A complete answer to "which column is what" (detected, or chosen by the user). */
export interface ColumnMapping {
  /** False when the first row is already data. */
  hasHeader: boolean;
  columns: ColumnMap;
}

/** Known header names per field, best first (normalised: lower case, letters and digits only). */
const NAMES: Record<BarField, string[]> = {
  symbol: ['symbol', 'ticker', 'code'],
  date: ['date', 'datetime', 'timestamp', 'time', 'day', 'tradedate', 'data'],
  open: ['open', 'openprice', 'o', 'otwarcie'],
  high: ['high', 'highprice', 'h', 'max', 'najwyzszy'],
  low: ['low', 'lowprice', 'l', 'min', 'najnizszy'],
  close: ['close', 'closelast', 'closeprice', 'last', 'price', 'c', 'zamkniecie'],
  adjClose: ['adjclose', 'adjustedclose', 'adjcloseprice', 'adjclosingprice'],
  volume: ['volume', 'vol', 'v', 'wolumen'],
};

export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface ColumnDetection {
  mapping: ColumnMapping;
  /** Set when the user must confirm or complete the mapping. */
  needsMapping: boolean;
  /** Why the mapping is needed, in words. */
  reasons: string[];
  /** Columns that could hold each field, best first (all columns for a required field not found). */
  candidates: Record<BarField, number[]>;
}

/** A first row that looks like data (a date or number in most cells) rather than names. */
function looksLikeData(row: readonly string[]): boolean {
  const dataLike = row.filter((cell) => /^[\s"]*[-+$]?\d/.test(cell)).length;
  return dataLike >= Math.max(1, Math.ceil(row.length / 2));
}

/**
 * A first column with no name (pandas `to_csv()` of a frame whose date index is unnamed) or a name
 * no field claims, whose values all read as dates.
 */
function unnamedDateColumn(firstRow: readonly string[], columns: ColumnMap, dataRows: readonly (readonly string[])[]): boolean {
  if (Object.values(columns).includes(0) || normaliseHeader(firstRow[0] ?? '') !== '' || dataRows.length === 0) return false;
  return detectDateFormat(dataRows.map((row) => row[0] ?? '')) !== null;
}

/** `dataRows`: a few rows after the header, to recognise an unnamed date column by its values. */
export function detectColumns(firstRow: readonly string[], dataRows: readonly (readonly string[])[] = []): ColumnDetection {
  const candidates = Object.fromEntries(BAR_FIELDS.map((f) => [f, [] as number[]])) as Record<BarField, number[]>;
  const allColumns = firstRow.map((_, i) => i);
  if (looksLikeData(firstRow)) {
    for (const field of REQUIRED_FIELDS) candidates[field] = allColumns;
    return { mapping: { hasHeader: false, columns: {} }, needsMapping: true, reasons: ['the first row is data, not column names'], candidates };
  }
  const normalised = firstRow.map(normaliseHeader);
  const columns: ColumnMap = {};
  const reasons: string[] = [];
  for (const field of BAR_FIELDS) {
    // Rank matching columns by how early their name comes in the field's list.
    const ranked = normalised
      .map((name, index) => ({ index, rank: NAMES[field].indexOf(name) }))
      .filter((m) => m.rank >= 0)
      .sort((a, b) => a.rank - b.rank);
    candidates[field] = ranked.map((m) => m.index);
    if (ranked.length === 0) continue;
    if (ranked.length > 1 && ranked[0].rank === ranked[1].rank) {
      reasons.push(`several columns could be "${field}": ${ranked.filter((m) => m.rank === ranked[0].rank).map((m) => firstRow[m.index]).join(', ')}`);
      continue;
    }
    columns[field] = ranked[0].index;
  }
  if (columns.date === undefined && candidates.date.length === 0 && unnamedDateColumn(firstRow, columns, dataRows)) {
    columns.date = 0;
    candidates.date = [0];
  }
  for (const field of REQUIRED_FIELDS) {
    if (columns[field] === undefined && !reasons.some((r) => r.includes(`"${field}"`))) {
      reasons.push(`no column named like "${field}"`);
      candidates[field] = allColumns;
    }
  }
  return { mapping: { hasHeader: true, columns }, needsMapping: reasons.length > 0, reasons, candidates };
}

/** Problems with a user-supplied mapping (empty when usable). */
export function checkMapping(mapping: ColumnMapping, columnCount: number): string[] {
  const issues: string[] = [];
  for (const field of REQUIRED_FIELDS) if (mapping.columns[field] === undefined) issues.push(`choose the ${field} column`);
  const used = new Map<number, BarField>();
  for (const field of BAR_FIELDS) {
    const index = mapping.columns[field];
    if (index === undefined) continue;
    if (!Number.isInteger(index) || index < 0 || index >= columnCount) issues.push(`${field}: no column ${index}`);
    else if (used.has(index)) issues.push(`${field} and ${used.get(index)} use the same column`);
    else used.set(index, field);
  }
  return issues;
}

/** Columns named by the user (the CLI's `--date-column` ...): a header name or a 1-based column number per field. */
export interface ColumnNames {
  /** False when the first row is already data (then only numbers name columns). */
  hasHeader: boolean;
  columns: Partial<Record<BarField, string>>;
}

/**
 * The mapping the user's column names describe, the same answer the app's column form gives:
 * named fields take their columns, the rest are detected from the header as usual.
 */
export function mappingFromNames(firstRow: readonly string[], names: ColumnNames): { mapping?: ColumnMapping; problems: string[] } {
  const problems: string[] = [];
  const chosen: ColumnMap = {};
  for (const [field, name] of Object.entries(names.columns) as [BarField, string][]) {
    const index = /^\d+$/.test(name.trim())
      ? Number(name) - 1
      : names.hasHeader ? firstRow.findIndex((label) => normaliseHeader(label) === normaliseHeader(name)) : -1;
    if (index < 0 || index >= firstRow.length) {
      problems.push(`${field}: no column ${/^\d+$/.test(name.trim()) ? name : `named "${name}"`} (columns: ${names.hasHeader ? firstRow.join(', ') : `1..${firstRow.length}`})`);
    } else chosen[field] = index;
  }
  if (problems.length > 0) return { problems };
  const detected = names.hasHeader ? detectColumns(firstRow).mapping.columns : {};
  const taken = new Set(Object.values(chosen));
  const columns: ColumnMap = {};
  for (const field of BAR_FIELDS) {
    const index = chosen[field] ?? detected[field];
    if (index !== undefined && (chosen[field] !== undefined || !taken.has(index))) columns[field] = index;
  }
  return { mapping: { hasHeader: names.hasHeader, columns }, problems };
}

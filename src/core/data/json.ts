/**
 * JSON price files: an array of bar objects, `{symbol, name?, bars: [...]}`, or the project's own
 * export `{format: "quant-lens/bars", version: 1, series: [{symbol, name?, bars}]}`. Bar objects are
 * turned into rows of text cells and go through the same column detection and validation as CSV.
 */
import { detectColumns, type ColumnMap } from './columns';
import type { ProblemList } from './problems';
import type { TextTable } from './normalise';
import { formatIssues, json, validate } from '../validate';

export const EXPORT_FORMAT = 'quant-lens/bars' as const;
export const EXPORT_VERSION = 1 as const;

/** One symbol's worth of bar objects found in a JSON file, as a text table ready for `readBars`. */
export interface JsonSeries {
  /** Symbol named in the file, if any. */
  symbol?: string;
  name?: string;
  table: TextTable;
  /** Field -> column of `table`. */
  columns: ColumnMap;
}

/** Numbers become their shortest exact text (so values round-trip), null/absent become empty cells. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function seriesTable(bars: unknown[], where: string, problems: ProblemList): Pick<JsonSeries, 'table' | 'columns'> | null {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const bar of bars) {
    if (!isPlainObject(bar)) continue;
    for (const key of Object.keys(bar)) {
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
    }
  }
  const detection = detectColumns(keys);
  if (detection.needsMapping) {
    problems.error(`${where}bar objects need date and close fields (${detection.reasons.join('; ')}; keys found: ${keys.join(', ') || 'none'})`);
    return null;
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  bars.forEach((bar, i) => {
    if (!isPlainObject(bar)) {
      problems.error(`${where}expected a bar object, got ${Array.isArray(bar) ? 'an array' : JSON.stringify(bar)?.slice(0, 40)}`, i + 1);
      return;
    }
    rows.push(keys.map((key) => cellText(bar[key])));
    rowNumbers.push(i + 1);
  });
  return { table: { labels: keys.map((k) => `${where}${k}`), rows, rowNumbers }, columns: detection.mapping.columns };
}

/** Finds the series in a parsed JSON document; reports shape problems and returns what is usable. */
export function jsonSeries(text: string, problems: ProblemList): JsonSeries[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    problems.error(`not valid JSON: ${(error as Error).message}`);
    return [];
  }
  // Untrusted file: no prototype-pollution keys, bounded nesting (src/core/validate).
  const safe = validate(json(), doc, { root: 'file' });
  if (!safe.ok) {
    problems.error(formatIssues(safe.errors));
    return [];
  }
  const groups: { symbol?: unknown; name?: unknown; bars: unknown[]; where: string }[] = [];
  if (Array.isArray(doc)) groups.push({ bars: doc, where: '' });
  else if (isPlainObject(doc) && Array.isArray(doc.bars)) groups.push({ symbol: doc.symbol, name: doc.name, bars: doc.bars, where: '' });
  else if (isPlainObject(doc) && Array.isArray(doc.series)) {
    doc.series.forEach((s, i) => {
      if (isPlainObject(s) && Array.isArray(s.bars)) groups.push({ symbol: s.symbol, name: s.name, bars: s.bars, where: `series[${i}].` });
      else problems.error(`series[${i}] must be an object with a "bars" array`);
    });
  } else {
    problems.error('unrecognised JSON: expected an array of bars, {symbol, bars: [...]}, or a Quant Lens export {series: [...]}');
    return [];
  }
  const out: JsonSeries[] = [];
  for (const group of groups) {
    if (group.symbol !== undefined && typeof group.symbol !== 'string') {
      problems.error(`${group.where}symbol must be a string`);
      continue;
    }
    const found = seriesTable(group.bars, group.where, problems);
    if (!found) continue;
    out.push({ symbol: group.symbol, name: typeof group.name === 'string' ? group.name : undefined, ...found });
  }
  return out;
}

/**
 * A small, fast CSV reader (RFC 4180 quoting) for price files: `,` `;` or tab delimiters detected
 * from the header line, quoted fields with doubled quotes and embedded newlines, CRLF or LF line
 * ends, a leading byte-order mark. Blank lines are skipped. It never throws: an unterminated quote
 * is returned as `unterminatedQuoteLine`.
 */
export type Delimiter = ',' | ';' | '\t';

export interface CsvTable {
  delimiter: Delimiter;
  /** Non-blank records, each an array of raw cell texts. */
  rows: string[][];
  /** 1-based line number where each record starts (for problem reports). */
  lines: number[];
  /** Line of an opening quote never closed (the rest of the file was read as one cell). */
  unterminatedQuoteLine?: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The delimiter that occurs most often (outside quotes) in the first line; `,` when none does. */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ',');
  return best;
}

export function parseCsv(input: string, delimiter: Delimiter = detectDelimiter(input.replace(/^\uFEFF/, ''))): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = delimiter.charCodeAt(0);
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let row: string[] = [];
  let rowLine = 1;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    // A record made of one empty cell is a blank line.
    if (row.length > 1 || row[0].trim() !== '') {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
  };
  while (i < n) {
    if (row.length === 0) rowLine = line;
    if (text.charCodeAt(i) === QUOTE) {
      const startLine = line;
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          value += text.slice(j);
          for (let k = j; k < n; k++) if (text.charCodeAt(k) === LF) line++;
          row.push(value);
          endRow();
          return { delimiter, rows, lines, unterminatedQuoteLine: startLine };
        }
        for (let k = j; k < q; k++) if (text.charCodeAt(k) === LF) line++;
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      // Text between the closing quote and the next delimiter is kept (lenient, like spreadsheets).
      let k = j;
      while (k < n && text.charCodeAt(k) !== sep && text.charCodeAt(k) !== LF && text.charCodeAt(k) !== CR) k++;
      row.push(value + text.slice(j, k));
      i = k;
    } else {
      let k = i;
      while (k < n && text.charCodeAt(k) !== sep && text.charCodeAt(k) !== LF && text.charCodeAt(k) !== CR) k++;
      row.push(text.slice(i, k));
      i = k;
    }
    // i is at a delimiter, a line end, or the end of input.
    if (i >= n) {
      endRow();
      break;
    }
    const c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      if (i === n) {
        row.push('');
        endRow();
        break;
      }
      continue;
    }
    // Line end: CRLF, LF or a lone CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    endRow();
  }
  return { delimiter, rows, lines };
}

/** A leading = + - @ tab or carriage return makes a spreadsheet evaluate a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell of any CSV the app writes (bars, journal, trades, indicators): text that starts like
 * a formula gets a leading apostrophe, so a spreadsheet shows it instead of running it; then the
 * cell is quoted when it holds the delimiter, a quote or a line break (RFC 4180).
 * Numbers are not text: write them with `csvNumber`, so that -0.5 stays the number -0.5.
 */
export function csvCell(value: string, delimiter: Delimiter = ','): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number cell: its shortest exact text; unknown values (undefined, NaN, infinities) are empty cells. */
export function csvNumber(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);
}

/** Reading back a text cell written by `csvCell`: the apostrophe added before a formula-like start is dropped. */
export function uncsvCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

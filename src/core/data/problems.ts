/**
 * Problems found while reading a price file. Every one names the file and, where it applies, the
 * row (1-based line number in a CSV, header = row 1; 1-based bar position in JSON) and the column.
 * Errors block the import; warnings and notes are shown but let it proceed.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface DataProblem {
  file: string;
  row?: number;
  column?: string;
  message: string;
  severity: Severity;
}

/** Beyond this many row-level problems per file the rest are counted, not listed (a broken 1M-row file stays readable). */
export const MAX_LISTED_PROBLEMS = 500;

/** Collects a file's problems, listing at most `MAX_LISTED_PROBLEMS` of them but counting all errors. */
export class ProblemList {
  readonly items: DataProblem[] = [];
  errorCount = 0;
  private unlisted = 0;

  constructor(readonly file: string) {}

  add(severity: Severity, message: string, row?: number, column?: string): void {
    if (severity === 'error') this.errorCount++;
    if (this.items.length >= MAX_LISTED_PROBLEMS) {
      this.unlisted++;
      return;
    }
    const problem: DataProblem = { file: this.file, message, severity };
    if (row !== undefined) problem.row = row;
    if (column !== undefined) problem.column = column;
    this.items.push(problem);
  }

  error(message: string, row?: number, column?: string): void {
    this.add('error', message, row, column);
  }

  warn(message: string, row?: number, column?: string): void {
    this.add('warning', message, row, column);
  }

  note(message: string, row?: number, column?: string): void {
    this.add('info', message, row, column);
  }

  /** The listed problems plus, when some were left out, one line saying how many. */
  toArray(): DataProblem[] {
    if (this.unlisted === 0) return this.items;
    return [...this.items, { file: this.file, severity: 'info', message: `${this.unlisted} more problems not listed (${this.errorCount} errors in total)` }];
  }
}

export function hasErrors(problems: readonly DataProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** One line per problem, e.g. `prices.csv row 12, column Close: not a number "abc"`. */
export function formatProblem(p: DataProblem): string {
  const where = [p.file, p.row !== undefined ? `row ${p.row}` : '', p.column !== undefined ? `column ${p.column}` : ''].filter(Boolean);
  return `${where.join(', ')}: ${p.severity === 'error' ? '' : p.severity + ': '}${p.message}`;
}

/**
 * `import --csv F [--symbol S] [column options] --out F.json` (DESIGN.md CLI contract): parses and
 * validates a price file (Yahoo, yfinance, pandas, Stooq, Investing.com, generic columns, or JSON) and
 * writes the normalised bars with each symbol's data-quality report. The output is itself an
 * importable Quant Lens export (`series[].bars`), with `quality` per series and `problems` added.
 * Bad input: every problem on stderr (file, row, column), nothing written, exit code 2.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { BarField, ColumnNames } from '../core/data/columns';
import type { Delimiter } from '../core/data/csv';
import { DATE_FORMAT_LABEL, type DateFormat } from '../core/data/dates';
import { exportDocument } from '../core/data/export';
import { parseImportFile, type ParseOptions } from '../core/data/parse';
import { formatProblem } from '../core/data/problems';
import { CliError, parseArgs, requireOption, type ParsedArgs } from './args';

/** Problems printed before "... and N more" (the output file is not written on errors anyway). */
const SHOWN = 20;

/** `--date-column` ... : the same choices as the app's column form (ColumnMapper). */
const COLUMN_OPTIONS: Record<string, BarField> = {
  'date-column': 'date', 'open-column': 'open', 'high-column': 'high', 'low-column': 'low', 'close-column': 'close',
  'adj-close-column': 'adjClose', 'volume-column': 'volume', 'symbol-column': 'symbol',
};
const DELIMITERS: Record<string, Delimiter> = { comma: ',', ',': ',', semicolon: ';', ';': ';', tab: '\t', '\\t': '\t' };

const HELP = `usage: import --csv FILE [--symbol S] [options] --out FILE.json

Reads a price file and writes its validated bars and data-quality report (a Quant Lens export).
Files read without options: Yahoo / Nasdaq / Stooq CSVs, yfinance download() files (three header
rows; one symbol per ticker) and Ticker.history() files, pandas to_csv() (an unnamed date index is
the date column), Investing.com exports, generic columns (date, open, high, low, close, volume),
JSON bars and Quant Lens exports.

  --csv FILE                 the file to read (CSV, text or JSON)
  --out FILE.json            where to write the bars (not written when the file has errors)
  --symbol S                 symbol of a one-symbol file (default: from the file name or the file)
  --keep-last-duplicates     for a date listed twice, keep the later row

Column options, for files whose columns are not recognised (a header name or a 1-based number;
fields not named are still detected from the header):
${Object.keys(COLUMN_OPTIONS).map((name) => `  --${name} NAME_OR_NUMBER`).join('\n')}
  --no-header                the first row is data (name columns by number)
  --delimiter comma|semicolon|tab   instead of detecting it from the first line
  --date-format FORMAT       instead of detecting it, one of:
${Object.entries(DATE_FORMAT_LABEL).map(([name, label]) => `                               ${name.padEnd(12)} ${label}`).join('\n')}
  --help                     this text
`;

/** The parse options the command line asks for (column names, delimiter, date format). */
function parseOptionsOf(args: ParsedArgs): ParseOptions {
  const options: ParseOptions = { symbol: args.values.symbol, keepLastDuplicates: args.flags.has('keep-last-duplicates') };
  const named = Object.entries(COLUMN_OPTIONS).filter(([name]) => args.values[name] !== undefined);
  if (named.length > 0 || args.flags.has('no-header')) {
    const columnNames: ColumnNames = { hasHeader: !args.flags.has('no-header'), columns: {} };
    for (const [name, field] of named) columnNames.columns[field] = args.values[name];
    options.columnNames = columnNames;
  }
  const delimiter = args.values.delimiter;
  if (delimiter !== undefined) {
    options.delimiter = DELIMITERS[delimiter];
    if (!options.delimiter) throw new CliError(`--delimiter must be comma, semicolon or tab, got "${delimiter}"`);
  }
  const dateFormat = args.values['date-format'];
  if (dateFormat !== undefined) {
    if (!(dateFormat in DATE_FORMAT_LABEL)) throw new CliError(`--date-format must be one of ${Object.keys(DATE_FORMAT_LABEL).join(', ')}, got "${dateFormat}"`);
    options.dateFormat = dateFormat as DateFormat;
  }
  return options;
}

export async function run(argv: string[]): Promise<void> {
  if (argv.includes('--help')) {
    process.stdout.write(HELP);
    return;
  }
  const args = parseArgs(argv, {
    options: ['csv', 'symbol', 'out', 'delimiter', 'date-format', ...Object.keys(COLUMN_OPTIONS)],
    flags: ['keep-last-duplicates', 'no-header'],
  });
  const input = requireOption(args, 'csv');
  const out = requireOption(args, 'out');
  const options = parseOptionsOf(args);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(input));
  } catch (error) {
    throw new CliError(`cannot read ${input}: ${(error as Error).message}`);
  }
  const parsed = await parseImportFile({ name: input, bytes }, options);
  if (parsed.needsMapping) {
    const { reasons, columns } = parsed.needsMapping;
    throw new CliError(`${input}: cannot tell which column is which (${reasons.join('; ')}); columns: ${columns.join(', ')}. ` +
      'Name them with --date-column, --close-column ... (see import --help)');
  }
  if (!parsed.ok) {
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    const lines = errors.slice(0, SHOWN).map(formatProblem);
    if (errors.length > SHOWN) lines.push(`... and ${errors.length - SHOWN} more errors`);
    if (errors.some((p) => p.message.startsWith('duplicate date'))) lines.push('(--keep-last-duplicates keeps the later row of each duplicated date)');
    throw new CliError(`${input}: ${errors.length} error(s), nothing written\n${lines.join('\n')}`);
  }
  const document = exportDocument(parsed.symbols);
  const output = {
    ...document,
    series: document.series.map((s, i) => ({ ...s, quality: parsed.symbols[i].quality })),
    problems: parsed.problems,
  };
  await writeFile(out, JSON.stringify(output, null, 1) + '\n');
  const summary = parsed.symbols.map((s) => `${s.symbol} ${s.bars.length} bars ${s.bars[0].date}..${s.bars.at(-1)!.date} quality ${s.quality.summary.level}`);
  const warnings = parsed.problems.filter((p) => p.severity === 'warning').length;
  process.stderr.write(`import: ${input} -> ${out}: ${summary.join('; ')}; ${warnings} warning(s)\n`);
}

/**
 * `import --csv F [--symbol S] [--keep-last-duplicates] --out F.json` (DESIGN.md CLI contract):
 * parses and validates a price file (CSV from Yahoo, Stooq or with generic columns, or JSON) and
 * writes the normalised bars with each symbol's data-quality report. The output is itself an
 * importable Quant Lens export (`series[].bars`), with `quality` per series and `problems` added.
 * Bad input: every problem on stderr (file, row, column), nothing written, exit code 2.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { exportDocument } from '../core/data/export';
import { parseImportFile } from '../core/data/parse';
import { formatProblem } from '../core/data/problems';
import { CliError, parseArgs, requireOption } from './args';

/** Problems printed before "... and N more" (the output file is not written on errors anyway). */
const SHOWN = 20;

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { options: ['csv', 'symbol', 'out'], flags: ['keep-last-duplicates'] });
  const input = requireOption(args, 'csv');
  const out = requireOption(args, 'out');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(input));
  } catch (error) {
    throw new CliError(`cannot read ${input}: ${(error as Error).message}`);
  }
  const parsed = await parseImportFile({ name: input, bytes }, { symbol: args.values.symbol, keepLastDuplicates: args.flags.has('keep-last-duplicates') });
  if (parsed.needsMapping) {
    const { reasons, columns } = parsed.needsMapping;
    throw new CliError(`${input}: cannot tell which column is which (${reasons.join('; ')}); columns: ${columns.join(', ')}. Rename the header to Date,Open,High,Low,Close,Volume`);
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

/**
 * `indicators --csv F --out F.csv` (DESIGN.md CLI contract): every indicator column and the nine seed
 * features, one row per bar, `date` first; NaN (warm-up) written as an empty cell.
 */
import { writeFile } from 'node:fs/promises';
import { csvCell, csvNumber } from '../core/data/csv';
import { indicatorTable } from '../core/features';
import { CliError, parseArgs, requireOption } from './args';
import { readSeries } from './read-series';

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { options: ['csv', 'out'] });
  const csvPath = requireOption(args, 'csv');
  const outPath = requireOption(args, 'out');
  const series = await readSeries(csvPath);
  if (series.length !== 1) throw new CliError(`${csvPath}: holds ${series.length} symbols; indicators are written for one symbol per file`);
  const [bars] = series;
  const { names, columns } = indicatorTable(bars);
  const lines = [['date', ...names].map((name) => csvCell(name)).join(',')];
  for (let t = 0; t < bars.dates.length; t++) {
    const cells = [csvCell(bars.dates[t])];
    for (const column of columns) cells.push(csvNumber(column[t]));
    lines.push(cells.join(','));
  }
  await writeFile(outPath, lines.join('\n') + '\n');
  process.stderr.write(`indicators: ${bars.symbol} ${bars.dates.length} bars x ${names.length} columns -> ${outPath}\n`);
}

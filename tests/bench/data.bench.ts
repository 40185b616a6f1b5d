/**
 * Import speed: parsing + validation + quality report of CSV files (the real 20-year S&P 500 file and
 * a synthetic 500,000-row Yahoo-style file, ~37 MB, within the 64 MB import limit), and CSV export.
 * Reference: arquero's `fromCSV` reading the same text (parsing and type inference only, no
 * validation or report), the library the project uses for table work.
 */
import { readFileSync } from 'node:fs';
import { fromCSV } from 'arquero';
import { isoFromDayNumber } from '../../src/core/data/dates';
import { exportCsv } from '../../src/core/data/export';
import { parseImportFile } from '../../src/core/data/parse';
import { measure, type BenchCase, type BenchRow } from './harness';

/**
 * A Yahoo-style CSV (plus a symbol column) of `n` rows of deterministic random walks: 20 symbols of
 * consecutive calendar days from 1950, so every date lies within the accepted 1900..tomorrow.
 */
function syntheticYahoo(n: number): string {
  let state = 12345;
  const random = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const lines = ['Symbol,Date,Open,High,Low,Close,Adj Close,Volume'];
  const perSymbol = Math.ceil(n / 20);
  let price = 100;
  for (let i = 0; i < n; i++) {
    const open = price;
    price *= 1 + (random() - 0.5) * 0.02;
    const high = Math.max(open, price) * (1 + random() * 0.01);
    const low = Math.min(open, price) * (1 - random() * 0.01);
    lines.push(`S${Math.floor(i / perSymbol)},${isoFromDayNumber(-7305 + (i % perSymbol))},${open.toFixed(4)},${high.toFixed(4)},${low.toFixed(4)},${price.toFixed(4)},${price.toFixed(4)},${Math.round(1e6 * (1 + random()))}`);
  }
  return lines.join('\n') + '\n';
}

const rate = (rows: number, ms: number) => `${((rows / ms) * 1000 / 1e6).toFixed(2)} M rows/s`;

async function importCase(label: string, text: string, rows: number, runs: number): Promise<BenchRow> {
  const bytes = new TextEncoder().encode(text);
  let ok = false;
  const ours = await measure(async () => (ok = (await parseImportFile({ name: 'bench.csv', bytes })).ok), { runs, warmup: 1 });
  if (!ok) throw new Error(`${label}: the bench file did not parse`);
  const reference = await measure(() => fromCSV(text), { runs, warmup: 1 });
  return {
    work: `import CSV (decode, parse, validate, quality report): ${label}`,
    size: `${rows.toLocaleString()} rows, ${(bytes.length / 2 ** 20).toFixed(1)} MiB`,
    medianMs: ours.medianMs,
    throughput: rate(rows, ours.medianMs),
    peakMiB: ours.peakMiB,
    reference: `arquero fromCSV ${reference.medianMs.toFixed(0)} ms (${rate(rows, reference.medianMs)})`,
  };
}

export const benchCases: BenchCase[] = [
  {
    name: 'data import/export',
    async run() {
      const sp500 = readFileSync('public/demo/sp500-2000.csv', 'utf8');
      const big = syntheticYahoo(500_000);
      const rows = [await importCase('S&P 500 2000-2020', sp500, 5105, 9), await importCase('synthetic Yahoo', big, 500_000, 3)];
      const parsed = await parseImportFile({ name: 'big.csv', bytes: new TextEncoder().encode(big) });
      const exported = await measure(() => exportCsv(parsed.symbols), { runs: 3, warmup: 1 });
      rows.push({ work: 'export CSV (csvCell / csvNumber)', size: '500,000 bars', medianMs: exported.medianMs, throughput: rate(500_000, exported.medianMs), peakMiB: exported.peakMiB });
      return rows;
    },
  },
];

/**
 * `npm run bench [-- filter]`: runs every tests/bench/*.bench.ts case (optionally only those whose
 * name contains `filter`) and prints one markdown table, ready to paste into the README.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { formatTable, type BenchCase, type BenchRow } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const rows: BenchRow[] = [];
for (const file of readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()) {
  const { benchCases } = (await import(join(here, file))) as { benchCases: BenchCase[] };
  for (const c of benchCases) {
    if (filter && !c.name.includes(filter) && !file.includes(filter)) continue;
    process.stderr.write(`bench: ${c.name}...\n`);
    rows.push(...(await c.run()));
  }
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`Machine: ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
console.log(formatTable(rows));

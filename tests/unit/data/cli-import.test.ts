import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../src/core/data/parse';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ql-cli-import-'));

/** Runs the real CLI in a child process; resolves with exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli.ts', 'import', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('cli import', () => {
  it('writes normalised bars and the quality report, readable again by the importer', async () => {
    const out = join(dir, 'aapl.json');
    const r = await cli('--csv', 'tests/fixtures/data/AAPL.csv', '--symbol', 'AAPL', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('import: tests/fixtures/data/AAPL.csv -> ' + out + ': AAPL 10 bars 2024-01-02..2024-01-16 quality good; 0 warning(s)');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.series[0].symbol).toBe('AAPL');
    expect(doc.series[0].bars[9]).toEqual({ date: '2024-01-16', open: 182.16, high: 184.26, low: 180.93, close: 183.63, adjClose: 182.73, volume: 65603000 });
    expect(doc.series[0].quality.summary).toEqual({ level: 'good', frequency: 'daily', missingPeriods: 0, longGaps: 0, zeroVolumeBars: 0, suspiciousJumps: 0, duplicateDates: 0 });
    expect(doc.problems).toEqual([]);
    const again = await parseImportFile({ name: 'aapl.json', bytes: readFileSync(out) });
    expect(again.ok).toBe(true);
    expect(again.symbols[0].bars).toEqual(doc.series[0].bars);
  });

  it('reports every bad row with file, row and column, writes nothing, exits non-zero', async () => {
    const out = join(dir, 'broken.json');
    const r = await cli('--csv', 'tests/fixtures/data/broken.csv', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: tests/fixtures/data/broken.csv: 7 error(s), nothing written');
    expect(r.stderr).toContain('tests/fixtures/data/broken.csv, row 5, column High: high 180.17 is below low 182.76');
    expect(r.stderr).toContain('(--keep-last-duplicates keeps the later row of each duplicated date)');
    expect(existsSync(out)).toBe(false);
  });

  it('reports the gap table of a file with missing days and a mapping problem clearly', async () => {
    const gappy = join(dir, 'GAP.csv');
    writeFileSync(gappy, 'Date,Close,Volume\n2024-01-02,10,5\n2024-01-03,10,0\n2024-01-10,14,5\n');
    const out = join(dir, 'gap.json');
    expect((await cli('--csv', gappy, '--out', out)).code).toBe(0);
    const { quality } = JSON.parse(readFileSync(out, 'utf8')).series[0];
    // Trading days 01-04, 01-05, 01-08, 01-09 are missing: 4 days, short of a long (5-day) gap.
    expect(quality.gaps).toEqual([{ from: '2024-01-04', to: '2024-01-09', missing: 4, long: false }]);
    expect(quality.zeroVolumeDates).toEqual(['2024-01-03']);
    expect(quality.jumps).toEqual([{ date: '2024-01-10', change: 0.3999999999999999 }]);
    const headerless = join(dir, 'nohead.csv');
    writeFileSync(headerless, '2024-01-02,10\n');
    const r = await cli('--csv', headerless, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot tell which column is which (the first row is data, not column names)');
    expect((await cli('--csv', join(dir, 'missing.csv'), '--out', out)).stderr).toContain('cannot read');
    expect((await cli('--out', out)).stderr).toContain('missing required option --csv');
  });
});

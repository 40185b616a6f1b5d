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

describe('cli import: the files people have, and files it cannot map itself', () => {
  it('--help prints the usage and every column option, exit 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: import --csv FILE [--symbol S] [options] --out FILE.json');
    for (const option of ['--date-column', '--close-column', '--open-column', '--high-column', '--low-column', '--volume-column', '--adj-close-column', '--no-header', '--delimiter', '--date-format']) {
      expect(r.stdout).toContain(option);
    }
  });

  it('a yfinance multi-ticker download writes one series per ticker', async () => {
    const out = join(dir, 'yf.json');
    const r = await cli('--csv', 'tests/fixtures/data/layouts/yfinance-download-group-by-ticker-adj.csv', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('MSFT 4 bars 2024-01-02..2024-01-05 quality good; AAPL 4 bars 2024-01-02..2024-01-05 quality good');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.series.map((s: { symbol: string }) => s.symbol)).toEqual(['MSFT', 'AAPL']);
    expect(doc.series[1].bars[0]).toEqual({ date: '2024-01-02', open: Math.fround(187.15), high: Math.fround(188.44), low: Math.fround(183.89), close: Math.fround(185.64), adjClose: Math.fround(184.73), volume: 82488700 });
  });

  it('column options name the columns of a file it cannot map (the app\'s column-form path), with delimiter and date format', async () => {
    const file = join(dir, 'FR.csv');
    // Day-first dates whose days are all <= 12: only --date-format settles DD/MM.
    writeFileSync(file, 'Jour;Ouverture;Cloture;Volume\n02/01/2024;10,5;11;100\n03/01/2024;11;11,5;200\n');
    const out = join(dir, 'fr.json');
    const asked = await cli('--csv', file, '--out', out);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('Name them with --date-column, --close-column ... (see import --help)');
    const r = await cli('--csv', file, '--date-column', 'Jour', '--open-column', 'ouverture', '--close-column', '3', '--delimiter', 'semicolon', '--date-format', 'dmy', '--out', out);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).series[0].bars).toEqual([
      { date: '2024-01-02', open: 10.5, high: 11, low: 10.5, close: 11, volume: 100 },
      { date: '2024-01-03', open: 11, high: 11.5, low: 11, close: 11.5, volume: 200 },
    ]);
    const headerless = join(dir, 'raw.csv');
    writeFileSync(headerless, '2024-01-02,x,10\n2024-01-03,y,11\n');
    expect((await cli('--csv', headerless, '--no-header', '--date-column', '1', '--close-column', '3', '--symbol', 'RAW', '--out', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).series[0].bars.map((b: { close: number }) => b.close)).toEqual([10, 11]);
    const unknown = await cli('--csv', file, '--date-column', 'Datum', '--close-column', 'Cloture', '--out', out);
    expect(unknown.stderr).toContain('column names: date: no column named "Datum" (columns: Jour, Ouverture, Cloture, Volume)');
    expect((await cli('--csv', file, '--delimiter', 'pipe', '--out', out)).stderr).toContain('--delimiter must be comma, semicolon or tab, got "pipe"');
  });

  it('a row with more fields than the header stops the import, naming file and row', async () => {
    const out = join(dir, 'shifted.json');
    const r = await cli('--csv', 'tests/fixtures/data/layouts/unquoted-thousands.csv', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tests/fixtures/data/layouts/unquoted-thousands.csv, row 3: expected 6 fields as in the header, found 8');
    expect(existsSync(out)).toBe(false);
  });
});

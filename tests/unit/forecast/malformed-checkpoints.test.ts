/**
 * `forecast --model DIR --csv F` over every generated malformed checkpoint (tests/fixtures/malformed-checkpoints.ts):
 * each must end with one clear line naming the file and field, exit code 2, no stack trace, no NaN in any
 * output, within 60 s. All variants run in this process through the CLI's own command and failure report
 * (src/cli/forecast.ts + src/cli/failure.ts); the ones that would allocate gigabytes without validation
 * also run as real CLI processes under a 1.5 GB heap cap, with their peak resident memory measured.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureReport } from '../../../src/cli/failure';
import { run as forecastCommand } from '../../../src/cli/forecast';
import { malformedCheckpoints, type MalformedVariant } from '../../fixtures/malformed-checkpoints';

const variants = malformedCheckpoints();
const root = mkdtempSync(join(tmpdir(), 'malformed-'));
const csv = join(root, 'TEST.csv');
const days: string[] = [];
for (let d = new Date('2024-01-01T00:00:00Z'); days.length < 120; d.setUTCDate(d.getUTCDate() + 1)) if (d.getUTCDay() % 6 !== 0) days.push(d.toISOString().slice(0, 10));
writeFileSync(csv, 'Date,Close\n' + days.map((d, i) => `${d},${(100 + i * 0.2 + 3 * Math.sin(i / 5)).toFixed(4)}`).join('\n') + '\n');

const LIMIT_SECONDS = 60;
const LIMIT_RSS_BYTES = 1.5 * 2 ** 30;

function writeVariant(v: MalformedVariant, index: number): string {
  const dir = join(root, String(index));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), v.config);
  if (v.weights) writeFileSync(join(dir, 'model.safetensors'), v.weights);
  return dir;
}

/** Problems with one run's outcome, empty when it failed the way it should. */
function judge(v: MalformedVariant, text: string, exitCode: number, seconds: number, outFile: string): string[] {
  const problems: string[] = [];
  if (exitCode !== 2) problems.push(`exit code ${exitCode}, expected 2`);
  if (/\n\s+at /.test(text)) problems.push('stack trace on stderr');
  const message = text.replace(/^error: /, '').split('\n')[0].replace(/^--model \S+: /, '');
  if (!v.expected.test(message)) problems.push(`message ${JSON.stringify(message.slice(0, 300))} does not match ${v.expected}`);
  if (message.length > 600) problems.push(`message of ${message.length} characters`);
  if (seconds > LIMIT_SECONDS) problems.push(`took ${seconds.toFixed(1)} s`);
  if (existsSync(outFile) && /NaN|Infinity|null/.test(readFileSync(outFile, 'utf8'))) problems.push('non-finite values in the output file');
  return problems;
}

describe('forecast CLI over generated malformed checkpoints', () => {
  it('generates about 150+ variants covering both families and both files', () => {
    expect(variants.length).toBeGreaterThanOrEqual(150);
    for (const family of ['chronos-2', 'chronos-bolt']) {
      expect(variants.filter((v) => v.family === family && v.name.includes(' config: ')).length).toBeGreaterThan(50);
      expect(variants.filter((v) => v.family === family && v.name.includes(' weights: ')).length).toBeGreaterThan(30);
    }
  });

  it('refuses every variant with one clear line naming the file and field, exit code 2, no stack, within 60 s', async () => {
    const failures: string[] = [];
    for (const [i, v] of variants.entries()) {
      const dir = writeVariant(v, i);
      const out = join(dir, 'out.json');
      const started = performance.now();
      let report = { text: '', exitCode: 0 };
      try {
        await forecastCommand(['--model', dir, '--csv', csv, '--horizon', '5', '--out', out]);
      } catch (error) {
        report = failureReport(error);
      }
      const problems = judge(v, report.text, report.exitCode, (performance.now() - started) / 1000, out);
      if (problems.length) failures.push(`${v.name}: ${problems.join('; ')}`);
      rmSync(dir, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
  }, 240_000);

  const heavy = variants.filter((v) => v.heavy);
  it(`runs the ${heavy.length} memory-heavy variants as real CLI processes: under 1.5 GB resident and 60 s each`, async () => {
    expect(heavy.length).toBeGreaterThanOrEqual(8);
    const runOne = (v: MalformedVariant, i: number) =>
      new Promise<string[]>((resolve) => {
        const dir = writeVariant(v, 10_000 + i);
        const out = join(dir, 'out.json');
        const started = performance.now();
        const args = ['--max-old-space-size=1536', '--import', 'tsx', '--import', './tests/fixtures/report-max-rss.mjs', 'src/cli.ts', 'forecast', '--model', dir, '--csv', csv, '--horizon', '5', '--out', out];
        execFile(process.execPath, args, { cwd: process.cwd(), timeout: (LIMIT_SECONDS + 30) * 1000 }, (error, _stdout, stderr) => {
          const seconds = (performance.now() - started) / 1000;
          const rss = Number(/max-rss-kib (\d+)/.exec(stderr)?.[1] ?? NaN) * 1024;
          const text = stderr.replace(/\n?max-rss-kib \d+\n?$/, '');
          const problems = judge(v, text, (error?.code as number | undefined) ?? 0, seconds, out);
          if (!(rss < LIMIT_RSS_BYTES)) problems.push(`peak resident memory ${(rss / 2 ** 20).toFixed(0)} MiB`);
          resolve(problems.map((p) => `${v.name} (process): ${p}`));
        });
      });
    const failures: string[] = [];
    // Two at a time: the machine has two cores.
    for (let i = 0; i < heavy.length; i += 2) failures.push(...(await Promise.all(heavy.slice(i, i + 2).map((v, j) => runOne(v, i + j)))).flat());
    expect(failures).toEqual([]);
  }, 240_000);
});

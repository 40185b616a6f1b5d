/**
 * The README's library example, run as written: the block is taken from README.md (so it cannot drift),
 * saved in a directory outside the repository whose node_modules holds quant-lens (a link to this
 * checkout, resolved through package.json `exports`) and onnxruntime-web, and run with tsx. Its forecast
 * backtest must match the CLI's `backtest --strategy forecast` with the same model and settings.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/backtest';
import { sp500Path } from '../backtest/sp500';

const repo = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'ql-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readmeExample(): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use it as a library'));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md: no ```ts block in "Use it as a library"');
  return block[1];
}

describe('README library example', () => {
  it('has at most 15 lines and imports only the package (and Node / onnxruntime)', () => {
    const code = readmeExample();
    expect(code.trim().split('\n').length).toBeLessThanOrEqual(15);
    expect([...code.matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['node:fs/promises', 'onnxruntime-web', 'quant-lens']);
  });

  it('runs as written and its forecast backtest matches the CLI', async () => {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(repo, join(dir, 'node_modules', 'quant-lens'));
    symlinkSync(join(repo, 'node_modules', 'onnxruntime-web'), join(dir, 'node_modules', 'onnxruntime-web'));
    copyFileSync(sp500Path, join(dir, 'spx.csv'));
    cpSync(join(repo, 'tests/fixtures/chronos2'), join(dir, 'model'), { recursive: true });
    const file = join(dir, 'example.mts');
    writeFileSync(file, readmeExample());
    const stdout = await new Promise<string>((done, fail) => {
      execFile(join(repo, 'node_modules/.bin/tsx'), [file], { cwd: dir, maxBuffer: 64 << 20 }, (error, out, err) => (error ? fail(new Error(`${error.message}\n${err}`)) : done(out)));
    });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^RSI\(14\) at the last close: \d+\.\d+$/);
    const result = JSON.parse(lines.at(-1)!);
    // The saved model's strategy ran from 2015 to the end of the data: one signal per trading day.
    const { buy, sell, hold } = result.modelSignals;
    expect(buy + sell + hold).toBeGreaterThan(1000);
    expect(result.auc).toBeGreaterThan(0.3);

    const out = join(dir, 'cli.json');
    await run(['--csv', join(dir, 'spx.csv'), '--strategy', 'forecast', '--model', join(dir, 'model'), '--horizon', '10', '--rebalance', 'monthly',
      '--from', '2019-01-01', '--to', '2019-12-31', '--backend', 'wasm', '--no-cache', '--out', out]);
    const cli = JSON.parse(readFileSync(out, 'utf8')).metrics;
    expect(cli.signalsBuy + cli.signalsSell + cli.signalsHold).toBe(11);
    for (const key of ['totalReturnPct', 'sharpe', 'maxDrawdownPct', 'trades', 'signalsBuy', 'signalsSell', 'signalsHold']) {
      expect(result.metrics[key], key).toBeCloseTo(cli[key], 6);
    }
  }, 180_000);
});

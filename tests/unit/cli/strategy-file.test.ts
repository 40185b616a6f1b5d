/**
 * `backtest --strategy FILE`: a user's strategy file outside the repository, with no package.json beside
 * it, run by the real CLI (tsx) as a user would. The file re-implements the SMA crossover with
 * ctx.indicator, so its report must match the built-in sma-cross to the cent.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sp500Path } from '../backtest/sp500';

const repo = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'ql-strategy-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile('npx', ['tsx', 'src/cli.ts', 'backtest', ...args], { cwd: repo }, (error, _stdout, stderr) => done({ code: error ? Number(error.code) : 0, stderr }));
  });
}
const report = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

// A defineStrategy descriptor (the fixture the app's tests add too), its 'quant-lens' imports as paths, as a
// file outside any project writes them: its parameters become --fast / --slow.
const crossover = readFileSync(join(repo, 'tests/fixtures/strategies/my-cross.ts'), 'utf8');
writeFileSync(join(dir, 'my-cross.ts'), crossover.replaceAll("from 'quant-lens'", `from '${repo}/src/core/index.ts'`));
// A plain Strategy object, in JavaScript, importing nothing.
writeFileSync(join(dir, 'hold.js'), `
const bought = new Set();
export default {
  name: 'just-hold',
  decide(ctx) {
    return ctx.symbols.filter((st) => st.hasBar && !bought.has(st.symbol)).map((st) => (bought.add(st.symbol), { symbol: st.symbol, signal: 'buy', targetWeight: 1, reason: 'hold' }));
  },
};
`);
// A factory returning a Strategy.
writeFileSync(join(dir, 'factory.ts'), `export default () => ({ name: 'never', decide: () => [] });\n`);
writeFileSync(join(dir, 'nothing.ts'), `export default 42;\n`);
// A strategy that throws on its first decision after 2005-01-01 (line 2 of its file).
writeFileSync(join(dir, 'boom.ts'), `export default { name: 'boom', decide(ctx: { date: string }) {\n  if (ctx.date > '2005-01-01') throw new Error('kaboom');\n  return [];\n} };\n`);

describe('backtest --strategy FILE', () => {
  it('runs a defineStrategy file with its parameters as options, matching the built-in sma-cross', async () => {
    const mine = join(dir, 'mine.json');
    const builtIn = join(dir, 'builtin.json');
    const a = await cli(['--csv', sp500Path, '--strategy', join(dir, 'my-cross.ts'), '--fast', '20', '--slow', '50', '--out', mine]);
    expect(a.stderr).toMatch(/backtest my-cross on /);
    expect(a.code).toBe(0);
    expect((await cli(['--csv', sp500Path, '--strategy', 'sma-cross', '--fast', '20', '--slow', '50', '--out', builtIn])).code).toBe(0);
    const [m, b] = [report(mine), report(builtIn)];
    expect(m.config.strategy).toEqual({ name: 'my-cross', fast: 20, slow: 50 });
    expect(m.metrics.trades).toBeGreaterThan(10);
    expect(m.metrics.totalReturnPct).toBeCloseTo(b.metrics.totalReturnPct, 10);
    expect(m.equityCurve.at(-1).equity).toBeCloseTo(b.equityCurve.at(-1).equity, 6);
    expect(m.trades.map((t: { entryDate: string }) => t.entryDate)).toEqual(b.trades.map((t: { entryDate: string }) => t.entryDate));
  }, 60_000);

  it('checks the file’s parameters and lists them in --help', async () => {
    const bad = await cli(['--csv', sp500Path, '--strategy', join(dir, 'my-cross.ts'), '--fast', '900', '--out', join(dir, 'x.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/my-cross\.fast: expected a number <= 500, got 900/);
    const help = await new Promise<string>((done) => execFile('npx', ['tsx', 'src/cli.ts', 'backtest', '--strategy', join(dir, 'my-cross.ts'), '--help'], { cwd: repo }, (_e, stdout) => done(stdout)));
    expect(help).toContain('--fast N  Fast days: Fast SMA days. (whole number 1..500; default 10)');
  }, 60_000);

  it('runs a plain strategy object (.js) and a factory (.ts); refuses anything else clearly', async () => {
    const held = join(dir, 'held.json');
    expect((await cli(['--csv', sp500Path, '--strategy', join(dir, 'hold.js'), '--out', held])).code).toBe(0);
    expect(report(held).config.strategy).toEqual({ name: 'just-hold' });
    expect(report(held).metrics.totalReturnPct).toBeCloseTo(report(held).metrics.benchmarkReturnPct, 0);
    const never = join(dir, 'never.json');
    expect((await cli(['--csv', sp500Path, '--strategy', join(dir, 'factory.ts'), '--out', never])).code).toBe(0);
    expect(report(never).metrics.trades).toBe(0);
    const nothing = await cli(['--csv', sp500Path, '--strategy', join(dir, 'nothing.ts'), '--out', join(dir, 'n.json')]);
    expect(nothing.stderr).toMatch(/nothing\.ts: the default export must be a strategy/);
    const missing = await cli(['--csv', sp500Path, '--strategy', join(dir, 'missing.ts'), '--out', join(dir, 'n.json')]);
    expect(missing.stderr).toMatch(/missing\.ts: no such file/);
  }, 120_000);

  it('names the file, strategy and date when the strategy throws, and shows where in the file (not the engine)', async () => {
    const boom = await cli(['--csv', sp500Path, '--strategy', join(dir, 'boom.ts'), '--out', join(dir, 'b.json')]);
    expect(boom.code).toBe(1);
    const lines = boom.stderr.trim().split('\n');
    // 2005-01-03 is the demo's first trading day of 2005 (Monday; the 1st was a Saturday).
    expect(lines[0]).toBe(`error: ${join(dir, 'boom.ts')}: strategy "boom" failed on 2005-01-03: kaboom`);
    expect(lines[1]).toBe('Error: kaboom');
    expect(lines[2]).toContain(`${join(dir, 'boom.ts')}:2:`);
    expect(boom.stderr).not.toContain('StrategyFileError');
  }, 60_000);
});

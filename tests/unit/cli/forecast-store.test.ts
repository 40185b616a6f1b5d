import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as backtest } from '../../../src/cli/backtest';
import { run as forecast } from '../../../src/cli/forecast';
import { run as merge } from '../../../src/cli/merge';
import type { PriceSeries } from '../../../src/core/data/types';
import { randomWalk } from '../backtest/helpers';

const bolt = resolve(import.meta.dirname, '../../fixtures/chronos-bolt');
const dir = mkdtempSync(join(tmpdir(), 'ql-forecast-store-'));

function writeCsv(s: PriceSeries): string {
  const path = join(dir, `${s.symbol}.csv`);
  const rows = s.dates.map((d, i) => `${d},${s.open[i]},${s.high[i]},${s.low[i]},${s.close[i]},${s.volume[i]}`);
  writeFileSync(path, `Date,Open,High,Low,Close,Volume\n${rows.join('\n')}\n`);
  return path;
}

/** Runs a command in-process and returns its one-line summary. */
async function summary(command: (argv: string[]) => Promise<void>, argv: string[]): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  try {
    await command(argv);
  } finally {
    spy.mockRestore();
  }
  return lines.join('');
}

let csvArgs: string[];
beforeAll(() => {
  // Four symbols, one of them starting later (its first origins have a short context).
  const universe = [randomWalk('AAA', 400, 3), randomWalk('BBB', 400, 5), randomWalk('CCC', 300, 7, '2000-05-29'), randomWalk('DDD', 400, 9)];
  csvArgs = universe.flatMap((s) => ['--csv', writeCsv(s)]);
  vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000'); // reports compare byte for byte
});
afterEach(() => vi.unstubAllEnvs());

const forecastBacktest = (...extra: string[]) => [...csvArgs, '--strategy', 'forecast', '--model', bolt, '--rebalance', 'weekly', '--horizon', '5', ...extra];

describe('forecast store in the CLI', () => {
  it('a second identical forecast-strategy backtest computes 0 forecasts and writes the identical report', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
    const cache = join(dir, 'cache');
    const first = await summary(backtest, forecastBacktest('--cache', cache, '--out', join(dir, 'cold.json')));
    const computed = Number(/forecasts (\d+) computed, 0 reused \(native\)/.exec(first)?.[1]);
    // 80 weeks x 3 symbols + 60 weeks of CCC, less the last decision date: one forecast per (symbol, week).
    expect(computed).toBeGreaterThan(250);
    const second = await summary(backtest, forecastBacktest('--cache', cache, '--out', join(dir, 'warm.json')));
    expect(second).toContain(`forecasts 0 computed, ${computed} reused (native)`);
    expect(readFileSync(join(dir, 'warm.json'), 'utf8')).toBe(readFileSync(join(dir, 'cold.json'), 'utf8'));
    expect(readdirSync(cache).filter((f) => f.endsWith('.forecasts.json'))).toHaveLength(4); // one bucket per (model, symbol)

    // Other settings are other keys: a longer horizon computes again; --clear-cache empties the store first.
    const longer = await summary(backtest, forecastBacktest('--cache', cache, '--out', join(dir, 'h.json')).map((a) => (a === '5' ? '6' : a)));
    expect(longer).toContain(`forecasts ${computed} computed, 0 reused`);
    const cleared = await summary(backtest, forecastBacktest('--cache', cache, '--clear-cache', '--out', join(dir, 'c.json')));
    expect(cleared).toContain(`forecasts ${computed} computed, 0 reused`);
    const none = await summary(backtest, forecastBacktest('--no-cache', '--out', join(dir, 'n.json')));
    expect(none).toContain(`forecasts ${computed} computed, 0 reused (native, no cache)`);
    expect(readFileSync(join(dir, 'n.json'), 'utf8')).toBe(readFileSync(join(dir, 'cold.json'), 'utf8'));
  });

  it('keeps the cache directory within --cache-max-mb by dropping the least recently used buckets', async () => {
    const cache = join(dir, 'small');
    // One bucket of this run is ~60 kB: a 0.15 MB bound keeps the 2 most recent of the 4 written.
    await summary(backtest, forecastBacktest('--cache', cache, '--cache-max-mb', '0.15', '--out', join(dir, 'small.json')));
    const kept = readdirSync(cache).filter((f) => f.endsWith('.forecasts.json'));
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.length).toBeLessThan(4);
    const bytes = kept.reduce((sum, f) => sum + readFileSync(join(cache, f)).byteLength, 0);
    expect(bytes).toBeLessThanOrEqual(0.15 * 2 ** 20);
    // DDD was written last, so it is kept: a backtest of DDD alone reuses all of its forecasts.
    const ddd = [csvArgs[csvArgs.length - 2], csvArgs[csvArgs.length - 1]];
    const again = await summary(backtest, [...ddd, ...forecastBacktest('--cache', cache, '--cache-max-mb', '0.15', '--out', join(dir, 'ddd.json')).slice(csvArgs.length)]);
    expect(again).toMatch(/forecasts 0 computed, \d+ reused/);
  });

  it('rejects contradictory cache options and bad shards', async () => {
    await expect(backtest(forecastBacktest('--no-cache', '--cache', dir, '--out', join(dir, 'x.json')))).rejects.toThrow(/--no-cache cannot be combined/);
    await expect(backtest(forecastBacktest('--shard', '3/2', '--out', join(dir, 'x.json')))).rejects.toThrow(/--shard expects I\/N with 1 <= I <= N/);
    await expect(backtest([...csvArgs, '--strategy', 'buy-hold', '--shard', '1/2', '--out', join(dir, 'x.json')])).rejects.toThrow(/needs --strategy forecast/);
    await expect(backtest(forecastBacktest('--backend', 'cuda', '--out', join(dir, 'x.json')))).rejects.toThrow(/--backend expects native or wasm/);
  });
});

describe('sharding by symbol and merge', () => {
  it('backtest shards 2/2 and 3/3, merged, give the report of the unsharded run byte for byte', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
    const whole = join(dir, 'whole.json');
    await summary(backtest, forecastBacktest('--no-cache', '--out', whole));
    for (const count of [2, 3]) {
      const shards = Array.from({ length: count }, (_, i) => join(dir, `shard-${i + 1}-of-${count}.json`));
      const lines = [];
      for (const [i, out] of shards.entries()) lines.push(await summary(backtest, forecastBacktest('--no-cache', '--shard', `${i + 1}/${count}`, '--out', out)));
      expect(lines[0]).toContain(`backtest shard 1/${count}: ${count === 2 ? '2 of 4 symbols (AAA,CCC)' : '2 of 4 symbols (AAA,DDD)'}`);
      const merged = join(dir, `merged-${count}.json`);
      const said = await summary(merge, [...[...shards].reverse().flatMap((f) => ['--in', f]), '--out', merged]);
      expect(said).toContain(`merged ${count} shards`);
      expect(readFileSync(merged, 'utf8')).toBe(readFileSync(whole, 'utf8'));
      await expect(merge(['--in', shards[0], '--out', join(dir, 'x.json')])).rejects.toThrow(new RegExp(`shards? ${count === 2 ? '2/2' : '2/3, 3/3'} missing`));
    }
    await expect(merge(['--in', join(dir, 'shard-1-of-2.json'), '--in', join(dir, 'shard-1-of-3.json'), '--out', join(dir, 'x.json')]))
      .rejects.toThrow(/is shard 1\/3, but .* belongs to a run of 2 shards/);
  });

  it('forecast shards merge into the unsharded forecast file; the store answers the second run', async () => {
    const cache = join(dir, 'forecast-cache');
    const args = [...csvArgs, '--model', bolt, '--horizon', '10', '--cache', cache];
    const whole = join(dir, 'forecast.json');
    expect(await summary(forecast, [...args, '--out', whole])).toContain('4 symbol(s), horizon 10; AAA');
    expect(await summary(forecast, [...args, '--out', join(dir, 'again.json')])).toContain('0 computed, 4 reused');
    const shards = [1, 2].map((i) => join(dir, `forecast-${i}.json`));
    for (const [i, out] of shards.entries()) await summary(forecast, [...args, '--shard', `${i + 1}/2`, '--out', out]);
    expect(JSON.parse(readFileSync(shards[1], 'utf8')).forecasts.map((f: { symbol: string }) => f.symbol)).toEqual(['BBB', 'DDD']);
    await summary(merge, ['--in', shards[0], '--in', shards[1], '--out', join(dir, 'forecast-merged.json')]);
    expect(readFileSync(join(dir, 'forecast-merged.json'), 'utf8')).toBe(readFileSync(whole, 'utf8'));
  });
});

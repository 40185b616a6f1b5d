import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src/core/backtest/engine';
import { gridValues, runSweep, skippedReasons } from '../../../src/core/backtest/sweep';
import { analyzeBacktest } from '../../../src/core/metrics';
import { smaCross } from '../../../src/core/strategy/sma-cross';
import { randomWalk } from './helpers';
import myCross from '../../fixtures/strategies/my-cross';

describe('parameter sweep', () => {
  it('runs every valid combination, skips invalid ones, picks the best in-sample and warns', async () => {
    const input = { universe: [randomWalk('AAA', 600, 5)] };
    const result = await runSweep(input, { name: 'sma-cross' }, [{ key: 'fast', values: [5, 10, 20] }, { key: 'slow', values: [10, 30] }], {}, 'sharpe');
    expect(result.rows.map((r) => [r.settings.fast, r.settings.slow, r.skipped !== undefined])).toEqual([
      [5, 10, false], [5, 30, false], [10, 10, true], [10, 30, false], [20, 10, true], [20, 30, false],
    ]);
    // Each row equals a single backtest with the same settings.
    const single = analyzeBacktest(await runBacktest(input, smaCross({ fast: 10, slow: 30 }), {})).metrics;
    expect(result.rows[3].sharpe).toBe(single.sharpe);
    const ran = result.rows.filter((r) => !r.skipped);
    expect(result.rows[result.best].sharpe).toBe(Math.max(...ran.map((r) => r.sharpe)));
    expect(result.warning).toMatch(/in-sample/i);
    expect(result.warning).toContain('best of 4 settings');
  });

  it("sweeps a user's strategy file through its descriptor, with its own checks (the same numbers as the built-in it re-implements)", async () => {
    const input = { universe: [randomWalk('AAA', 600, 5)] };
    const axes = [{ key: 'fast', values: [5, 10, 30] }, { key: 'slow', values: [30] }];
    const file = await runSweep(input, { name: 'my-cross' }, axes, {}, 'sharpe', {}, {}, myCross);
    const builtIn = await runSweep(input, { name: 'sma-cross' }, axes, {}, 'sharpe');
    expect(file.rows.map((r) => r.skipped)).toEqual([undefined, undefined, 'my-cross: fast must be below slow']);
    expect(file.rows.slice(0, 2).map((r) => r.sharpe)).toEqual(builtIn.rows.slice(0, 2).map((r) => r.sharpe));
    expect(file.rows[0].trades).toBeGreaterThan(0);
  });

  it('builds inclusive grids and rejects empty ranges', () => {
    expect(gridValues(5, 20, 5)).toEqual([5, 10, 15, 20]);
    expect(gridValues(0.1, 0.3, 0.1)).toEqual([0.1, 0.2, 0.3]);
    expect(() => gridValues(10, 5, 1)).toThrow(/from <= to/);
  });

  it('sums up the skipped combinations by reason, most frequent first, with one example of each', async () => {
    const input = { universe: [randomWalk('AAA', 300, 5)] };
    // fast 5..20 × slow 5..15 (step 5): 12 combinations, 3 with fast < slow (5/10, 5/15, 10/15): 9 skipped.
    const result = await runSweep(input, { name: 'sma-cross' }, [{ key: 'fast', values: [5, 10, 15, 20] }, { key: 'slow', values: [5, 10, 15] }], {}, 'sharpe');
    const reasons = skippedReasons(result.rows);
    expect(reasons).toHaveLength(1);
    expect(reasons[0].count).toBe(9);
    expect(reasons[0].example).toBe(result.rows.find((r) => r.skipped)!.skipped);
    expect(reasons[0].example).toMatch(/fast < slow, got fast=5 slow=5/);
    const mixed = [{ skipped: 'b: range 1..2' }, { skipped: 'a: x=1' }, {}, { skipped: 'a: x=2.5' }, { skipped: 'a: x=-3' }];
    expect(skippedReasons(mixed)).toEqual([{ count: 3, example: 'a: x=1' }, { count: 1, example: 'b: range 1..2' }]);
    expect(skippedReasons([{}, {}])).toEqual([]);
  });
});

/**
 * `backtest --strategy fixed-weight --weights ... --rebalance-rule ...`: the options derived from the
 * strategy's declaration, run on the two-symbol example worked by hand in
 * tests/unit/strategy/fixed-weight.test.ts (monthly rebalancing ends at 1106.875 from 1000).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/backtest';

const dir = mkdtempSync(join(tmpdir(), 'ql-fixed-weight-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dates = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2024-03-01', '2024-03-04', '2024-03-05'];
function csv(symbol: string, bars: [number, number][]): string {
  const path = join(dir, `${symbol}.csv`);
  const rows = bars.map(([open, close], i) => `${dates[i]},${open},${Math.max(open, close)},${Math.min(open, close)},${close},1000`);
  writeFileSync(path, ['date,open,high,low,close,volume', ...rows].join('\n'));
  return path;
}
const a = csv('A', [[10, 10], [10, 12], [12, 12], [12, 15], [15, 15], [15, 15], [15, 18]]);
const b = csv('B', [[20, 20], [20, 20], [20, 20], [20, 10], [10, 10], [10, 10], [10, 11]]);
const common = ['--csv', a, '--csv', b, '--strategy', 'fixed-weight', '--capital', '1000', '--commission', '0', '--slippage', '0'];

describe('backtest --strategy fixed-weight', () => {
  it('runs the weights and rule given as options and records them in the report', async () => {
    const out = join(dir, 'monthly.json');
    await run([...common, '--weights', 'A:50,B:50', '--rebalance-rule', 'monthly', '--out', out]);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.config.strategy).toEqual({ name: 'fixed-weight', weights: 'A:50,B:50', rebalanceRule: 'monthly', driftBand: 5 });
    expect(report.equityCurve.at(-1).equity).toBeCloseTo(1106.875, 9);
    // The rule is the strategy's own; the engine's --rebalance (when the strategy is asked) stays daily.
    expect(report.config.rebalance).toBe('daily');
  });

  it('takes the drift band as --drift-band', async () => {
    const out = join(dir, 'drift.json');
    await run([...common, '--weights', 'A:50,B:50', '--rebalance-rule', 'drift', '--drift-band', '5', '--out', out]);
    expect(JSON.parse(readFileSync(out, 'utf8')).equityCurve.at(-1).equity).toBeCloseTo(1150, 9);
  });

  it('says what is wrong with the weights, and writes nothing', async () => {
    const out = join(dir, 'bad.json');
    await expect(run([...common, '--weights', 'A:70,B:40', '--out', out])).rejects.toThrow('fixed-weight.weights: weights add up to 110%');
    await expect(run([...common, '--weights', 'A:50,SPX:50', '--out', out])).rejects.toThrow('weights name SPX, not in this backtest (symbols: A, B)');
    await expect(run([...common, '--rebalance-rule', 'weekly', '--out', out])).rejects.toThrow(/fixed-weight\.rebalanceRule/);
    expect(() => readFileSync(out)).toThrow();
  });
});

/**
 * Parameter sweep: the same backtest over a grid of one strategy's settings, one row per
 * combination. Picking the best row is fitting to this very data (in-sample), so the result always
 * carries an overfitting warning; the honest check is a later period the sweep never saw.
 */
import { CancelledError, checkpoint, type JobOptions } from '../jobs/progress';
import { analyzeBacktest } from '../metrics/summary';
import { createStrategy, type StrategyDependencies, type StrategySpec } from '../strategy/registry';
import type { StrategyDescriptor } from '../strategy/define';
import type { BacktestConfig } from './config';
import { runBacktest, type BacktestInput } from './engine';

export interface SweepAxis {
  /** A numeric setting of the strategy, e.g. "fast". */
  key: string;
  values: number[];
}

export type SweepObjective = 'sharpe' | 'totalReturnPct' | 'cagrPct' | 'calmar' | 'maxDrawdownPct';

export interface SweepRow {
  settings: Record<string, number>;
  totalReturnPct: number;
  cagrPct: number;
  sharpe: number;
  calmar: number;
  maxDrawdownPct: number;
  trades: number;
  winRatePct: number;
  /** Set when the combination is invalid (e.g. fast >= slow) and was not run. */
  skipped?: string;
}

export interface SweepResult {
  axes: SweepAxis[];
  objective: SweepObjective;
  rows: SweepRow[];
  /** Index of the best row by the objective (-1 when none ran). */
  best: number;
  warning: string;
}

export const MAX_SWEEP_RUNS = 2_000;

function grid(axes: readonly SweepAxis[]): Record<string, number>[] {
  let combos: Record<string, number>[] = [{}];
  for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.key]: v })));
  return combos;
}

/** Why combinations were skipped: one entry per reason, with how many and one full message. */
export interface SkippedReason {
  count: number;
  example: string;
}

/**
 * The skipped rows grouped by reason, most frequent first. A reason is its message with the numbers
 * taken out, so "fast=10 slow=10" and "fast=20 slow=10" count as one.
 */
export function skippedReasons(rows: readonly Pick<SweepRow, 'skipped'>[]): SkippedReason[] {
  const groups = new Map<string, SkippedReason>();
  for (const { skipped } of rows) {
    if (skipped === undefined) continue;
    const reason = skipped.replace(/-?\d+(\.\d+)?/g, '#');
    const group = groups.get(reason);
    if (group) group.count++;
    else groups.set(reason, { count: 1, example: skipped });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** Linear grid from..to (inclusive) by step, for the UI's range inputs. */
export function gridValues(from: number, to: number, step: number): number[] {
  if (!(step > 0) || !(to >= from)) throw new RangeError(`a sweep range needs from <= to and a positive step, got ${from}..${to} step ${step}`);
  const values: number[] = [];
  for (let v = from; v <= to + step * 1e-9; v += step) values.push(Number(v.toFixed(10)));
  return values;
}

/** `descriptor`: the strategy of a user's file (built-in strategies are found by `base.name`). */
export async function runSweep(input: BacktestInput, base: StrategySpec, axes: SweepAxis[], config: Partial<BacktestConfig>,
  objective: SweepObjective = 'sharpe', deps: StrategyDependencies = {}, job: JobOptions = {}, descriptor?: StrategyDescriptor): Promise<SweepResult> {
  const combos = grid(axes);
  if (combos.length > MAX_SWEEP_RUNS) throw new RangeError(`the grid has ${combos.length} combinations; the limit is ${MAX_SWEEP_RUNS}`);
  job.onProgress?.({ status: 'start', kind: 'sweep', label: `${base.name}: ${combos.length} combinations` });
  const rows: SweepRow[] = [];
  for (const [i, settings] of combos.entries()) {
    await checkpoint(job.signal);
    job.onProgress?.({ status: 'progress', done: i, total: combos.length, unit: 'runs' });
    const empty = { settings, totalReturnPct: NaN, cagrPct: NaN, sharpe: NaN, calmar: NaN, maxDrawdownPct: NaN, trades: 0, winRatePct: NaN };
    let strategy;
    try {
      const spec = { ...base, ...settings } as StrategySpec;
      strategy = descriptor ? descriptor.create(spec, deps) : createStrategy(spec, deps);
    } catch (error) {
      rows.push({ ...empty, skipped: (error as Error).message });
      continue;
    }
    try {
      const { metrics: m } = analyzeBacktest(await runBacktest(input, strategy, config, { signal: job.signal }));
      rows.push({ settings, totalReturnPct: m.totalReturnPct, cagrPct: m.cagrPct, sharpe: m.sharpe, calmar: m.calmar, maxDrawdownPct: m.maxDrawdownPct, trades: m.trades, winRatePct: m.winRatePct });
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      rows.push({ ...empty, skipped: (error as Error).message });
    }
  }
  // Drawdowns are negative: the best is the largest value for every objective.
  let best = -1;
  rows.forEach((r, i) => {
    if (!r.skipped && Number.isFinite(r[objective]) && (best < 0 || r[objective] > rows[best][objective])) best = i;
  });
  const ran = rows.filter((r) => !r.skipped).length;
  job.onProgress?.({ status: 'done', message: `${ran} runs` });
  return {
    axes,
    objective,
    rows,
    best,
    warning: `In-sample result: the best of ${ran} settings was chosen on the same data it is measured on, so its ` +
      `numbers are optimistic (overfitting). Confirm it on a later period the sweep never saw (set From/To) before trusting it.`,
  };
}

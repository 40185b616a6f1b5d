/**
 * Backtest speed (issue 5): SMA crossover over 500 symbols x 20 years (aim < 1 s), and 10-symbol
 * 20-year walk-forward runs of the SMA crossover and of the dual-logistic strategy (which refits its
 * two models every 63 dates on all labels known by then). Synthetic random walks give the size; the
 * engine does the same work on real prices.
 */
import { runBacktest } from '../../src/core/backtest/engine';
import type { PriceSeries } from '../../src/core/data/types';
import { dualLogistic } from '../../src/core/strategy/dual-logistic';
import { smaCross } from '../../src/core/strategy/sma-cross';
import { randomWalk, weekdays } from '../unit/backtest/helpers';
import { measure, type BenchCase } from './harness';

const YEARS = 20;
const BARS = 252 * YEARS;

function universe(count: number): PriceSeries[] {
  // One shared weekday calendar, a different random path per symbol.
  const dates = weekdays(BARS);
  return Array.from({ length: count }, (_, i) => randomWalk(`S${i}`, BARS, 1000 + i, dates[0], dates));
}

async function row(work: string, count: number, run: () => Promise<unknown>, runs: number, aimMs?: number) {
  // CPU time as well as wall time: on a shared, overloaded machine the wall clock mostly measures waiting.
  const cpuBefore = process.cpuUsage();
  const { medianMs, peakMiB } = await measure(run, { runs, warmup: 1 });
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerRun = (cpu.user + cpu.system) / 1000 / (runs + 1);
  const symbolDays = count * BARS;
  return {
    work,
    size: `${count} symbols x ${YEARS} y (${(symbolDays / 1e6).toFixed(2)} M symbol-days)`,
    medianMs,
    throughput: `${(symbolDays / medianMs / 1e3).toFixed(2)} M symbol-days/s (CPU ${cpuMsPerRun.toFixed(0)} ms/run)`,
    peakMiB,
    aim: aimMs === undefined ? undefined : `< ${aimMs} ms: ${medianMs < aimMs ? 'met' : 'NOT met'}`,
  };
}

export const benchCases: BenchCase[] = [
  {
    name: 'backtest: SMA crossover 500 symbols',
    run: async () => {
      const data = universe(500);
      return [await row('backtest SMA(10/30) cross, walk-forward, costs', 500, () => runBacktest({ universe: data }, smaCross({ fast: 10, slow: 30 })), 5, 1000)];
    },
  },
  {
    name: 'backtest: 10 symbols SMA and dual-logistic',
    run: async () => {
      const data = universe(10);
      return [
        await row('backtest SMA(10/30) cross, walk-forward, costs', 10, () => runBacktest({ universe: data }, smaCross({ fast: 10, slow: 30 })), 5),
        await row('backtest dual-logistic, refit every 63 dates (walk-forward)', 10, () => runBacktest({ universe: data }, dualLogistic()), 3),
      ];
    },
  },
];

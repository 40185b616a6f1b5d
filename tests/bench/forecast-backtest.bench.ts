/**
 * A forecast-strategy backtest at scale (issue 15): 50 symbols x 5 years of daily bars, weekly decisions
 * (~13,000 forecasts, each from its own last 512 closes, horizon 20), with Chronos-Bolt small and Chronos-2
 * small (random full-size checkpoints) on native onnxruntime. "cold" starts from an empty forecast store
 * (a cache directory, as the CLI's --cache) and computes every forecast in batches across origins; "warm"
 * is the identical re-run with a new store object over the same directory, reading every forecast from disk.
 *
 * QL_BENCH_COLD_SYMBOLS=N runs the models on the first N symbols only (the row says so and gives the linear
 * extrapolation to 50, clearly labelled); their warm rows cover the same N symbols. The full 50-symbol warm
 * re-run is also measured with forecasts made by the drift baseline at the Chronos-2 small checkpoint's
 * quantile levels: a re-run never calls the model, so it reads and replays the same amount of stored data
 * whatever model made it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryForecastStore } from '../../src/cli/forecast-cache';
import { nodeRuntime } from '../../src/cli/onnx-runtime';
import { runBacktest } from '../../src/core/backtest/engine';
import type { PriceSeries } from '../../src/core/data/types';
import { baselineForecaster } from '../../src/core/forecast/baselines';
import { parseChronos2Config } from '../../src/core/forecast/chronos2/config';
import { drift } from '../../src/core/forecast/baselines/drift';
import { describeTally, storedForecaster } from '../../src/core/forecast/forecast-store';
import { loadForecaster } from '../../src/core/forecast/model-loader';
import type { Forecaster } from '../../src/core/forecast/types';
import { forecastStrategy } from '../../src/core/strategy/forecast';
import { randomWalk, weekdays } from '../unit/backtest/helpers';
import { ensureBoltCheckpoint } from './bolt.bench';
import { chronos2Checkpoint } from './backends.bench';
import { measure, type BenchCase, type BenchRow } from './harness';

const SYMBOLS = 50;
const YEARS = 5;
const BARS = 252 * YEARS;

function universe(count: number): PriceSeries[] {
  const dates = weekdays(BARS);
  return Array.from({ length: count }, (_, i) => randomWalk(`S${i}`, BARS, 500 + i, dates[0], dates));
}

async function loadNative(dir: string): Promise<Forecaster> {
  const { ort, executionProviders } = await nodeRuntime('native', { notice: (line) => { throw new Error(line); } });
  return loadForecaster(ort, { configJson: readFileSync(join(dir, 'config.json'), 'utf8'), weights: new Uint8Array(readFileSync(join(dir, 'model.safetensors'))) }, { executionProviders });
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function benchModel(label: string, model: Forecaster, coldSymbols: number): Promise<BenchRow[]> {
  const symbols = universe(coldSymbols);
  const cache = mkdtempSync(join(tmpdir(), 'ql-bench-store-'));
  const settings = { horizon: 20, contextLength: 512 };
  const config = { rebalance: 'weekly' as const };
  try {
    const cold = storedForecaster(model, `${label}@bench`, new DirectoryForecastStore(cache));
    const cpuBefore = cpuMs();
    const coldRun = await measure(() => runBacktest({ universe: symbols }, forecastStrategy(cold, settings), config), { runs: 1, warmup: 0 });
    const coldCpu = cpuMs() - cpuBefore;
    const forecasts = cold.tally.computed;
    let warmTally = '';
    const warmCpuBefore = cpuMs();
    const warmRun = await measure(async () => {
      const warm = storedForecaster(model, `${label}@bench`, new DirectoryForecastStore(cache));
      await runBacktest({ universe: symbols }, forecastStrategy(warm, settings), config);
      warmTally = describeTally(warm.tally);
    }, { runs: 3, warmup: 0 });
    const warmCpu = (cpuMs() - warmCpuBefore) / 3;
    const size = `${coldSymbols} symbols x ${YEARS} y weekly (${forecasts.toLocaleString('en')} forecasts)`;
    const subset = coldSymbols < SYMBOLS;
    return [
      {
        work: `forecast-strategy backtest, ${label}, cold store`,
        size,
        medianMs: coldRun.medianMs,
        throughput: `${((forecasts * 1000) / coldRun.medianMs).toFixed(0)} forecasts/s; CPU ${(coldCpu / 1000).toFixed(0)} s; ${describeTally(cold.tally)}`,
        reference: subset ? `EXTRAPOLATED to ${SYMBOLS} symbols: ${((coldRun.medianMs * SYMBOLS) / coldSymbols / 1000).toFixed(0)} s` : undefined,
        peakMiB: coldRun.peakMiB,
      },
      {
        work: `forecast-strategy backtest, ${label}, warm store (re-run)`,
        size,
        medianMs: warmRun.medianMs,
        throughput: `CPU ${warmCpu.toFixed(0)} ms/run; ${warmTally}`,
        aim: subset ? undefined : `< 2000 ms: ${warmRun.medianMs < 2000 ? 'met' : 'NOT met'}`,
      },
    ];
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

async function withNativeModel(label: string, dir: string, symbols: number): Promise<BenchRow[]> {
  const model = await loadNative(dir);
  try {
    return await benchModel(`${label} native`, model, symbols);
  } finally {
    await model.dispose?.();
  }
}

export const benchCases: BenchCase[] = [
  {
    name: 'forecast-strategy backtest with the forecast store',
    run: async () => {
      const coldSymbols = Number(process.env.QL_BENCH_COLD_SYMBOLS ?? SYMBOLS);
      const chronos2 = chronos2Checkpoint('chronos2-small.config.json', 'chronos2-small');
      const chronos2Levels = parseChronos2Config(JSON.parse(readFileSync(join(chronos2, 'config.json'), 'utf8'))).quantiles;
      return [
        ...(await benchModel(`drift baseline (${chronos2Levels.length} levels)`, baselineForecaster(drift, chronos2Levels), SYMBOLS)),
        ...(await withNativeModel('Chronos-Bolt small', ensureBoltCheckpoint('small'), coldSymbols)),
        ...(await withNativeModel('Chronos-2 small', chronos2, coldSymbols)),
      ];
    },
  },
];

/**
 * `merge --in SHARD.json [--in SHARD2.json ...] --out F.json [--html F] [--trades-csv F]`
 *
 * Combines the N shard files of one `backtest --shard I/N` or `forecast --shard I/N` run into the output the
 * unsharded run writes (byte for byte). Forecast shards are put back in the run's symbol order; backtest
 * shards give their prices and forecasts, and the portfolio over all symbols is simulated here from those
 * forecasts (no model is loaded: a forecast missing from every shard is an error).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { MemoryForecastStore, storedForecaster } from '../core/forecast/forecast-store';
import type { Forecaster } from '../core/forecast/types';
import { CliError, parseArgs } from './args';
import { backtestAndReport, type BacktestShardFile } from './backtest';
import type { ForecastFile } from './forecast';
import { completeShards, forecastFromJson, seriesFromJson } from './shard';

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { options: ['in', 'out', 'html', 'trades-csv'] });
  const inputs = args.all.in ?? [];
  if (!args.values.out) throw new CliError('missing required option --out');
  if (inputs.length === 0) throw new CliError('missing required option --in (one per shard file)');
  const files = await Promise.all(inputs.map(readShard));
  if (files.every((f) => 'format' in f && f.format === 'quant-lens/backtest-shard')) {
    await mergeBacktest(files as BacktestShardFile[], inputs, args);
  } else if (files.every((f) => !('format' in f) && (f as ForecastFile).shard)) {
    await mergeForecasts(files as ForecastFile[], inputs, args.values.out);
  } else {
    throw new CliError('--in files must all be backtest shards or all forecast shards (written with --shard I/N)');
  }
}

async function readShard(path: string): Promise<BacktestShardFile | ForecastFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`--in ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`--in ${path}: not JSON (${(error as Error).message})`);
  }
}

async function mergeForecasts(files: ForecastFile[], paths: string[], out: string): Promise<void> {
  // The run is everything but the forecasts and the shard index.
  const shards = completeShards(
    files.map(({ forecasts, shard, ...run }) => ({ shard: { index: shard!.index, count: shard!.count }, run: { ...run, symbols: shard!.symbols }, forecasts })),
    (i) => paths[i],
  );
  const bySymbol = new Map(shards.flatMap((s) => s.forecasts.map((f) => [f.symbol, f] as const)));
  const { symbols, ...run } = shards[0].run;
  const merged: ForecastFile = { ...run, forecasts: symbols.map((symbol) => bySymbol.get(symbol)!) };
  await writeFile(out, JSON.stringify(merged, null, 1));
  process.stderr.write(`merge: ${shards.length} forecast shards, ${merged.forecasts.length} symbol(s) -> ${out}\n`);
}

async function mergeBacktest(files: BacktestShardFile[], paths: string[], args: ReturnType<typeof parseArgs>): Promise<void> {
  const shards = completeShards(files, (i) => paths[i]);
  const { run } = shards[0];
  const series = new Map(shards.flatMap((s) => s.series.map((j) => [j.symbol, seriesFromJson(j)] as const)));
  const universe = run.symbols.map((symbol) => {
    const found = series.get(symbol);
    if (!found) throw new CliError(`no shard holds the prices of ${symbol}`);
    return found;
  });
  const store = new MemoryForecastStore();
  await store.putMany(shards.flatMap((s) => s.forecasts.map(forecastFromJson)));
  const refuse: Forecaster = {
    info: run.model.info,
    async forecast(requests) {
      const r = requests[0];
      throw new CliError(`the shards hold no forecast of ${r?.origin?.symbol ?? 'a symbol'} at ${r?.origin?.date ?? '?'}: were they made with the same files and options?`);
    },
  };
  const forecaster = storedForecaster(refuse, run.model.identity, store);
  const benchmark = run.benchmark && seriesFromJson(run.benchmark);
  await backtestAndReport({ universe, benchmark }, run.spec, run.config, { forecaster }, args,
    () => `; merged ${shards.length} shards, ${forecaster.tally.reused} forecasts`);
}

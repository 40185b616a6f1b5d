/**
 * `forecast --model DIR_OR_URL (--csv F [--csv F2 ...] --horizon H | --cases cases.json) --out F.json [--threads N]`
 *
 * --model: a checkpoint directory, a URL prefix or a catalog id such as amazon/chronos-2 (see
 * model-source.ts), holding config.json and model.safetensors (or model.onnx, a pre-exported graph
 * with the same inputs/outputs).
 * --csv (repeatable): forecasts the close of every symbol in the files (parsed by the data importer).
 * --cases: runs golden cases (../shared/chronos2-golden format) and writes the outputs in the same
 * structure, for comparison with the official implementation.
 * --backend native|wasm, --cache DIR, --no-cache, --clear-cache, --model-cache DIR, --no-model-cache: see forecasting.ts. With --csv, each
 * symbol's forecast from its last date is read from the forecast store when it is there.
 * --shard I/N: forecasts only the shard's symbols and marks the output as a shard for `merge`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { runCaseFile, type CaseFileOutputs } from '../core/forecast/case-file';
import { ModelFileError } from '../core/forecast/model-file-error';
import type { Forecast } from '../core/forecast/types';
import { CliError, numberOption, parseArgs, requireOption, type ParsedArgs } from './args';
import { forecastingFlags, forecastingOptions, forecastingSummary, openForecasting } from './forecasting';
import { asCliError, openModelCache, readModelFiles } from './model-source';
import { nodeRuntime, parseBackend } from './onnx-runtime';
import { readSeries } from './read-series';
import { inShard, parseShard, type Shard } from './shard';

/** One symbol's forecast in the output file. */
export interface SymbolForecastJson {
  symbol: string;
  lastDate: string;
  lastClose: number;
  levels: number[];
  quantiles: number[][];
  median: number[];
  interval80?: { lower: number[]; upper: number[] };
  interval95?: { lower: number[]; upper: number[] };
  expectedReturn: number;
  confidence: number;
}

/** The `--csv` output; a shard's also says which shard it is and lists every symbol of the run, in order. */
export interface ForecastFile {
  model: Record<string, unknown>;
  horizon: number;
  forecasts: SymbolForecastJson[];
  shard?: Shard & { symbols: string[] };
}

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { options: ['model', 'csv', 'horizon', 'cases', 'out', 'shard', ...forecastingOptions], flags: forecastingFlags });
  await asCliError(requireOption(args, 'model'), () => forecast(args));
}

async function forecast(args: ParsedArgs): Promise<void> {
  const modelLocation = requireOption(args, 'model');
  const out = requireOption(args, 'out');
  const casesPath = args.values.cases;
  const csvPaths = args.all.csv ?? [];
  if (!!casesPath === csvPaths.length > 0) throw new CliError('give either --cases FILE or --csv FILE [--csv F2 ...] --horizon H');
  const started = performance.now();

  if (casesPath) {
    if (args.values.shard) throw new CliError('--shard applies to --csv forecasts, not to --cases');
    const runtime = await nodeRuntime(parseBackend(args.values.backend), { threads: numberOption(args, 'threads', 1) });
    const files = await readModelFiles(modelLocation, fetch, { cache: openModelCache(args) });
    const cases: unknown = JSON.parse(await readText(casesPath, '--cases'));
    let result: CaseFileOutputs;
    try {
      result = await runCaseFile(runtime.ort, files, cases, runtime.executionProviders);
    } catch (error) {
      if (error instanceof ModelFileError && error.file === 'cases.json') throw new CliError(`--cases ${casesPath}: ${error.detail}`);
      throw error;
    }
    await writeFile(out, JSON.stringify(result.outputs));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counts = Object.entries(result.outputs).map(([kind, list]) => `${list.length} ${kind.replace('_cases', '')}`).join(', ');
    process.stderr.write(`forecast: ${result.family}, ${counts} cases, ${runtime.backend} -> ${out} (${seconds} s)\n`);
    return;
  }

  const horizon = numberOption(args, 'horizon', NaN);
  if (!Number.isInteger(horizon) || horizon < 1) throw new CliError('--horizon must be a positive integer (trading days ahead)');
  const shard = parseShard(args.values.shard);
  const series = (await Promise.all(csvPaths.map(readSeries))).flat();
  const mine = series.filter((_, p) => inShard(p, shard));
  const forecasting = await openForecasting(modelLocation, args);
  const { forecaster } = forecasting;
  try {
    // One call per symbol, so a symbol's forecast never depends on which others run with it (shards agree).
    const forecasts: Forecast[] = [];
    for (const s of mine) {
      const origin = { symbol: s.symbol, date: s.dates[s.dates.length - 1] };
      forecasts.push(...(await forecaster.forecast([{ target: s.close, origin }], { horizon })));
    }
    const result: ForecastFile = {
      // identity: id@revision (or @sha256:...) of the weights that made these forecasts, for published feeds.
      model: { location: modelLocation, identity: forecasting.identity, ...forecaster.info },
      horizon,
      forecasts: mine.map((s, i) => symbolForecastJson(s.symbol, s.dates[s.dates.length - 1], s.close[s.close.length - 1], forecasts[i])),
      ...(shard ? { shard: { ...shard, symbols: series.map((s) => s.symbol) } } : {}),
    };
    await writeFile(out, JSON.stringify(result, null, 1));
    const first = result.forecasts[0];
    const headline = first
      ? `${first.symbol} expected return ${(first.expectedReturn * 100).toFixed(2)}%, confidence ${first.confidence.toFixed(2)}`
      : 'no symbol in this shard';
    process.stderr.write(`forecast${shard ? ` shard ${shard.index}/${shard.count}` : ''}: ${result.forecasts.length} symbol(s), horizon ${horizon}; ${headline}; ` +
      `${forecastingSummary(forecasting)} -> ${out}\n`);
  } finally {
    await forecaster.dispose?.();
  }
}

function symbolForecastJson(symbol: string, lastDate: string, lastClose: number, f: Forecast): SymbolForecastJson {
  const rows = (values: Float64Array, count: number) => Array.from({ length: count }, (_, q) => Array.from(values.subarray(q * f.horizon, (q + 1) * f.horizon)));
  return {
    symbol,
    lastDate,
    lastClose,
    levels: f.levels,
    quantiles: rows(f.quantiles, f.levels.length),
    median: Array.from(f.median),
    interval80: f.interval80 && { lower: Array.from(f.interval80.lower), upper: Array.from(f.interval80.upper) },
    interval95: f.interval95 && { lower: Array.from(f.interval95.lower), upper: Array.from(f.interval95.upper) },
    expectedReturn: f.expectedReturn,
    confidence: f.confidence,
  };
}

async function readText(path: string, option: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`${option} ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
  }
}

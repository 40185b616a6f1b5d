/**
 * `backtest --csv F [--csv F2 ...] --strategy NAME [options] --out report.json` (DESIGN.md CLI contract).
 * Writes the full report JSON; `--html F` and `--trades-csv F` also write the offline HTML report and
 * the trade list. The forecast strategy reads and fills the forecast store (forecasting.ts options) and
 * takes `--shard I/N`: the shard then forecasts only its symbols and writes a shard file for `merge`,
 * which runs the portfolio over all symbols from the shards' forecasts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { PriceSeries } from '../core/data/types';
import { runBacktest } from '../core/backtest/engine';
import { resolveConfig, type BacktestConfig, type Rebalance } from '../core/backtest/config';
import { decisionDates, unionCalendar } from '../core/backtest/calendar';
import { MemoryForecastStore } from '../core/forecast/forecast-store';
import type { ForecasterInfo } from '../core/forecast/types';
import { builtInStrategies, findStrategy, strategyNames, type StrategySpec, type StrategyDependencies } from '../core/strategy/registry';
import { optionName, type Param, type StrategyDescriptor } from '../core/strategy/define';
import { buildReport, reportToJson } from '../core/report/report';
import { reportToHtml } from '../core/report/html';
import { tradesToCsv } from '../core/report/trades-csv';
import type { DualModel } from '../core/ml/model';
import { CliError, numberOption, parseArgs, requireOption, type ParsedArgs } from './args';
import { forecastingFlags, forecastingOptions, forecastingSummary, openForecasting, type CliForecasting } from './forecasting';
import { readSeries } from './read-series';
import { isStrategyFile, loadStrategyFile } from './strategy-file';
import { forecastToJson, inShard, parseShard, seriesToJson, type ForecastJson, type SeriesJson, type Shard } from './shard';

const options = ['csv', 'strategy', 'out', 'capital', 'commission', 'slippage', 'borrow-rate', 'benchmark', 'rebalance', 'from', 'to',
  'model', 'html', 'trades-csv', 'shard', ...forecastingOptions];
const flags = ['whole-shares', 'allow-short', ...forecastingFlags];

const usageHead = `usage: backtest --csv F [--csv F2 ...] --strategy NAME_OR_FILE [strategy options] --out report.json
  --capital N (100000)  --commission R (0.001)  --slippage R (0.0005)  --borrow-rate R (0)  --benchmark SYMBOL_OR_CSV
  --rebalance daily|weekly|monthly  --from DATE  --to DATE  --whole-shares  --allow-short  --html F  --trades-csv F
  --model DIR_OR_URL (forecast: the forecaster; logistic: a saved model.json)  --shard I/N (forecast)
  --backend native|wasm  --threads N  --cache DIR  --cache-max-mb N  --no-cache  --clear-cache (the forecast store)
  --model-cache DIR (catalog models kept between runs; default ~/.cache/quant-lens/models)  --no-model-cache
  --strategy ./my-strategy.ts loads your own strategy (docs/custom-strategy.md)`;

function paramHelp(key: string, p: Param): string {
  if (p.kind === 'text') return `  --${optionName(key)} TEXT  ${p.label}: ${p.help} (e.g. ${p.placeholder}; default ${p.default || 'empty'})`;
  const range = p.kind === 'choice' ? p.choices.join('|') : `${p.integer ? 'whole number ' : ''}${p.min}..${p.max}`;
  return `  --${optionName(key)} ${p.kind === 'choice' ? 'CHOICE' : 'N'}  ${p.label}: ${p.help} (${range}; default ${p.default})`;
}

/** `--help`: the common options, then each strategy's own (all built-ins, or the one named by --strategy). */
function usage(descriptors: readonly StrategyDescriptor[]): string {
  const sections = descriptors.map((d) => [`strategy ${d.name} (${d.label})${Object.keys(d.params).length ? ':' : ': no options'}`,
    ...Object.entries(d.params).map(([key, p]) => paramHelp(key, p))].join('\n'));
  return [usageHead, ...sections].join('\n\n');
}

/** The strategy `--strategy` names: a built-in, or a user's file (read before the options, which depend on it). */
async function chosenStrategy(argv: readonly string[]): Promise<StrategyDescriptor | undefined> {
  const at = argv.indexOf('--strategy');
  const name = at >= 0 ? argv[at + 1] : undefined;
  if (name === undefined || name.startsWith('--')) return undefined;
  const builtIn = findStrategy(name);
  if (builtIn) return builtIn;
  if (isStrategyFile(name)) return loadStrategyFile(name);
  throw new CliError(`unknown strategy "${name}" (strategies: ${strategyNames.join(', ')}, or a file such as ./my-strategy.ts)`);
}

/** The spec: the strategy's name and the parameters given as options (checked; the others take their defaults). */
function strategySpec(args: ParsedArgs, descriptor: StrategyDescriptor): StrategySpec {
  const spec: StrategySpec = { name: descriptor.name };
  for (const [key, p] of Object.entries(descriptor.params)) {
    const option = optionName(key);
    if (args.values[option] !== undefined) spec[key] = p.kind === 'number' ? numberOption(args, option, p.default) : args.values[option];
  }
  try {
    descriptor.resolve(spec);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return spec;
}

function backtestConfig(args: ParsedArgs): Partial<BacktestConfig> {
  const rebalance = (args.values.rebalance ?? 'daily') as Rebalance;
  if (!['daily', 'weekly', 'monthly'].includes(rebalance)) throw new CliError(`option --rebalance expects daily, weekly or monthly, got "${rebalance}"`);
  return {
    capital: numberOption(args, 'capital', 100_000),
    commission: numberOption(args, 'commission', 0.001),
    slippage: numberOption(args, 'slippage', 0.0005),
    borrowRate: numberOption(args, 'borrow-rate', 0),
    rebalance,
    wholeShares: args.flags.has('whole-shares'),
    allowShort: args.flags.has('allow-short'),
    from: args.values.from,
    to: args.values.to,
  };
}

async function readModel(path: string): Promise<DualModel> {
  const { modelFromJson } = await import('../core/ml/model');
  try {
    return modelFromJson(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`--model ${path}: ${(error as Error).message}`);
  }
}

/** What `merge` needs to finish a sharded backtest: the same for every shard of one run. */
export interface BacktestRun {
  spec: StrategySpec;
  config: Partial<BacktestConfig>;
  /** Every symbol of the run, in order. */
  symbols: string[];
  benchmark?: SeriesJson;
  model: { identity: string; info: ForecasterInfo };
}

export interface BacktestShardFile {
  format: 'quant-lens/backtest-shard';
  version: 1;
  shard: Shard;
  run: BacktestRun;
  /** This shard's symbols' prices and forecasts. */
  series: SeriesJson[];
  forecasts: ForecastJson[];
}

export async function run(argv: string[]): Promise<void> {
  const descriptor = await chosenStrategy(argv);
  const paramOptions = Object.keys(descriptor?.params ?? {}).map(optionName);
  const args = parseArgs(argv, { options: [...options, ...paramOptions], flags, usage: usage(descriptor ? [descriptor] : builtInStrategies) });
  const out = requireOption(args, 'out');
  const files = args.all.csv ?? [];
  if (files.length === 0) throw new CliError('missing required option --csv');
  requireOption(args, 'strategy');
  const spec = strategySpec(args, descriptor!);
  const config = backtestConfig(args);
  const shard = parseShard(args.values.shard);
  if (shard && spec.name !== 'forecast') throw new CliError('--shard splits the forecasting work by symbol: it needs --strategy forecast');

  const universe = (await Promise.all(files.map(readSeries))).flat();
  let benchmark: PriceSeries | undefined;
  const benchmarkOption = args.values.benchmark;
  if (benchmarkOption && existsSync(benchmarkOption)) [benchmark] = await readSeries(benchmarkOption);
  else if (benchmarkOption) config.benchmark = benchmarkOption;

  const deps: StrategyDependencies = {};
  const collected = shard ? new MemoryForecastStore() : undefined;
  let forecasting: CliForecasting | undefined;
  if (spec.name === 'forecast') deps.forecaster = (forecasting = await openForecasting(requireOption(args, 'model'), args, collected)).forecaster;
  if (spec.name === 'logistic' && args.values.model) deps.logisticModel = await readModel(args.values.model);
  try {
    if (shard) {
      await writeShard({ universe, benchmark, spec, config, shard, deps, forecasting: forecasting!, collected: collected!, out });
      return;
    }
    await backtestAndReport({ universe, benchmark }, spec, config, deps, args, () => (forecasting ? `; forecasts ${forecastingSummary(forecasting)}` : ''), descriptor);
  } finally {
    await deps.forecaster?.dispose?.();
  }
}

/**
 * Runs the backtest and writes the report (and --html, --trades-csv), with the one-line summary; `merge`
 * finishes a sharded run through here too, so both write the same report.
 */
export async function backtestAndReport(input: { universe: PriceSeries[]; benchmark?: PriceSeries }, spec: StrategySpec, config: Partial<BacktestConfig>,
  deps: StrategyDependencies, args: ParsedArgs, note: () => string = () => '', descriptor = findStrategy(spec.name)): Promise<void> {
  const out = requireOption(args, 'out');
  if (!descriptor) throw new CliError(`unknown strategy "${spec.name}" (strategies: ${strategyNames.join(', ')})`);
  let strategy;
  let settings;
  try {
    settings = descriptor.resolve(spec);
    strategy = descriptor.create(settings, deps);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  let result;
  try {
    result = await runBacktest(input, strategy, config);
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message);
    throw error;
  }
  const report = buildReport(result, { name: spec.name, ...settings }, reportTime());
  await writeFile(out, reportToJson(report));
  if (args.values.html) await writeFile(args.values.html, reportToHtml(report));
  if (args.values['trades-csv']) await writeFile(args.values['trades-csv'], tradesToCsv([...report.trades, ...report.openTrades]));
  const m = report.metrics;
  process.stderr.write(`backtest ${spec.name} on ${result.symbols.join(',')}: ${m.startDate}..${m.endDate}, ` +
    `return ${m.totalReturnPct.toFixed(2)}% (benchmark ${m.benchmarkReturnPct.toFixed(2)}%), Sharpe ${m.sharpe.toFixed(2)}, ` +
    `max DD ${m.maxDrawdownPct.toFixed(2)}%, ${m.trades} trades${note()} -> ${out}\n`);
}

/** A shard forecasts every decision date of its symbols (the dates come from the whole universe's calendar). */
async function writeShard(job: {
  universe: PriceSeries[]; benchmark?: PriceSeries; spec: StrategySpec; config: Partial<BacktestConfig>; shard: Shard;
  deps: StrategyDependencies; forecasting: CliForecasting; collected: MemoryForecastStore; out: string;
}): Promise<void> {
  const { universe, spec, config, shard, forecasting, collected } = job;
  let rebalance: Rebalance;
  try {
    rebalance = resolveConfig(config).rebalance;
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const dates = decisionDates(unionCalendar(universe.map((s) => s.dates), config.from, config.to), rebalance);
  const mine = universe.filter((_, p) => inShard(p, shard));
  await findStrategy(spec.name)!.create(spec, job.deps).prepare?.(mine, { decisionDates: dates });
  const file: BacktestShardFile = {
    format: 'quant-lens/backtest-shard',
    version: 1,
    shard,
    run: {
      spec,
      config,
      symbols: universe.map((s) => s.symbol),
      ...(job.benchmark ? { benchmark: seriesToJson(job.benchmark) } : {}),
      model: { identity: forecasting.identity, info: forecasting.forecaster.info },
    },
    series: mine.map(seriesToJson),
    forecasts: [...collected.entries.values()].map(forecastToJson),
  };
  await writeFile(job.out, JSON.stringify(file));
  process.stderr.write(`backtest shard ${shard.index}/${shard.count}: ${mine.length} of ${universe.length} symbols (${mine.map((s) => s.symbol).join(',') || 'none'}), ` +
    `forecasts ${forecastingSummary(forecasting)} -> ${job.out}\n`);
}

/** The report's creation time: now, or SOURCE_DATE_EPOCH (seconds, the reproducible-builds convention) so reruns compare byte for byte. */
function reportTime(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined) return new Date().toISOString();
  if (!/^\d+$/.test(epoch)) throw new CliError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
  return new Date(Number(epoch) * 1000).toISOString();
}

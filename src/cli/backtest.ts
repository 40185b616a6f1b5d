/**
 * `backtest --csv F [--csv F2 ...] --strategy NAME [options] --out report.json` (DESIGN.md CLI contract).
 * Writes the full report JSON; `--html F` and `--trades-csv F` also write the offline HTML report and
 * the trade list.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { PriceSeries } from '../core/data/types';
import { runBacktest } from '../core/backtest/engine';
import type { BacktestConfig, Rebalance } from '../core/backtest/config';
import { createStrategy, strategyNames, type StrategySpec, type StrategyDependencies } from '../core/strategy/registry';
import { buildReport, reportToJson } from '../core/report/report';
import { reportToHtml } from '../core/report/html';
import { tradesToCsv } from '../core/report/trades-csv';
import type { DualModel } from '../core/ml/model';
import { CliError, numberOption, parseArgs, requireOption, type ParsedArgs } from './args';
import { loadCliForecaster } from './model-source';
import { readSeries } from './read-series';

const options = ['csv', 'strategy', 'out', 'capital', 'commission', 'slippage', 'borrow-rate', 'benchmark', 'rebalance', 'from', 'to',
  'fast', 'slow', 'period', 'lower', 'upper', 'model', 'horizon', 'html', 'trades-csv'];
const flags = ['whole-shares', 'allow-short'];

function strategySpec(args: ParsedArgs): StrategySpec {
  const name = requireOption(args, 'strategy');
  const whole = (key: string, fallback: number) => {
    const v = numberOption(args, key, fallback);
    if (!Number.isInteger(v)) throw new CliError(`option --${key} expects a whole number, got ${v}`);
    return v;
  };
  switch (name) {
    case 'buy-hold':
      return { name };
    case 'sma-cross':
      return { name, fast: whole('fast', 10), slow: whole('slow', 30) };
    case 'rsi':
      return { name, period: whole('period', 14), lower: numberOption(args, 'lower', 30), upper: numberOption(args, 'upper', 70) };
    case 'forecast':
      requireOption(args, 'model');
      return args.values.horizon ? { name, horizon: whole('horizon', 20) } : { name };
    case 'logistic':
      return { name };
    default:
      throw new CliError(`unknown strategy "${name}" (strategies: ${strategyNames.join(', ')})`);
  }
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

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { options, flags });
  const out = requireOption(args, 'out');
  const files = args.all.csv ?? [];
  if (files.length === 0) throw new CliError('missing required option --csv');
  const spec = strategySpec(args);
  const config = backtestConfig(args);

  const universe = (await Promise.all(files.map(readSeries))).flat();
  let benchmark: PriceSeries | undefined;
  const benchmarkOption = args.values.benchmark;
  if (benchmarkOption && existsSync(benchmarkOption)) [benchmark] = await readSeries(benchmarkOption);
  else if (benchmarkOption) config.benchmark = benchmarkOption;

  const deps: StrategyDependencies = {};
  if (spec.name === 'forecast') deps.forecaster = await loadCliForecaster(args.values.model!);
  if (spec.name === 'logistic' && args.values.model) deps.logisticModel = await readModel(args.values.model);
  let strategy;
  try {
    strategy = createStrategy(spec, deps);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  let result;
  try {
    result = await runBacktest({ universe, benchmark }, strategy, config);
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message);
    throw error;
  } finally {
    await deps.forecaster?.dispose?.();
  }
  const report = buildReport(result, spec);
  await writeFile(out, reportToJson(report));
  if (args.values.html) await writeFile(args.values.html, reportToHtml(report));
  if (args.values['trades-csv']) await writeFile(args.values['trades-csv'], tradesToCsv([...report.trades, ...report.openTrades]));
  const m = report.metrics;
  process.stderr.write(`backtest ${spec.name} on ${result.symbols.join(',')}: ${m.startDate}..${m.endDate}, ` +
    `return ${m.totalReturnPct.toFixed(2)}% (benchmark ${m.benchmarkReturnPct.toFixed(2)}%), Sharpe ${m.sharpe.toFixed(2)}, ` +
    `max DD ${m.maxDrawdownPct.toFixed(2)}%, ${m.trades} trades -> ${out}\n`);
}

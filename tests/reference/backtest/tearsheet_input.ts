/**
 * Writes the input of the tearsheet reference (tearsheet_reference.py): the SMA 10/30 run on the demo
 * S&P 500 (the run tests/reference/backtest/sma_cross_reference.py checks bar for bar) as plain
 * numbers: its daily equity, the benchmark's, and the closed trades; plus the same two curves sampled
 * at month ends (a monthly series, annualised with 12).
 *
 * Run:  npx tsx tests/reference/backtest/tearsheet_input.ts > tests/reference/backtest/tearsheet-input.json
 */
import { runBacktest } from '../../../src/core/backtest/engine';
import { smaCross } from '../../../src/core/strategy/sma-cross';
import { loadSp500 } from '../../unit/backtest/sp500';

const result = await runBacktest({ universe: [await loadSp500()] }, smaCross({ fast: 10, slow: 30 }), { capital: 100_000, commission: 0.001, slippage: 0.0005 });
const monthEnds = result.dates.map((d, i) => i).filter((i) => i === result.dates.length - 1 || result.dates[i + 1].slice(0, 7) !== result.dates[i].slice(0, 7));
const daily = {
  dates: result.dates,
  equity: Array.from(result.equity),
  benchmark: Array.from(result.benchmarkEquity),
  trades: result.trades.map((t) => ({ exitDate: t.exitDate, pnl: t.pnl, returnPct: t.returnPct })),
};
const monthly = {
  dates: monthEnds.map((i) => result.dates[i]),
  equity: monthEnds.map((i) => result.equity[i]),
  benchmark: monthEnds.map((i) => result.benchmarkEquity[i]),
  trades: daily.trades,
};
process.stdout.write(JSON.stringify({ source: 'SMA 10/30 on node_modules/vega-datasets/data/sp500-2000.csv, capital 100000, commission 0.001, slippage 0.0005', daily, monthly }) + '\n');

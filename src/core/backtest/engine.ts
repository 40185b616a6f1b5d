/**
 * The event loop of a walk-forward backtest over several symbols. For each date of the union calendar,
 * one named step after the other, each reading and changing the run's state (run-state.ts):
 *   1. accounting: shorts held overnight pay their borrow fee (accounting.ts);
 *   2. fills: orders decided at an earlier close fill at this bar's open, sells first to free cash; a
 *      symbol without a bar today keeps its order until its next bar (fills.ts);
 *   3. stops: stop-loss / take-profit levels are checked against the bar's open / high / low (stops.ts);
 *   4. marking: positions are valued at the close and the equity is recorded (marking.ts);
 *   5. orders: on a rebalance date the strategy decides, seeing bars up to this close only (context.ts),
 *      and its decisions wait as orders for the next open (orders.ts).
 */
import type { PriceSeries } from '../data/types';
import { makeCheckpointer, type JobOptions } from '../jobs/progress';
import type { Strategy } from '../strategy/types';
import { chargeBorrowFees, closeTheBooks } from './accounting';
import { buyAndHoldCurve, pickBenchmark } from './benchmark';
import { decisionDates, rebalanceMask, unionCalendar } from './calendar';
import { resolveConfig, type BacktestConfig } from './config';
import { decisionContext } from './context';
import { fillOrders } from './fills';
import { markToClose } from './marking';
import { placeOrders } from './orders';
import { advanceTo, createRunState, slotsBySymbol } from './run-state';
import { exitAtStops } from './stops';
import type { BacktestResult } from './types';

export { truncate } from './context';

export interface BacktestInput {
  universe: readonly PriceSeries[];
  /** A benchmark outside the universe (e.g. an index CSV); otherwise `config.benchmark` or the first symbol. */
  benchmark?: PriceSeries;
}

export async function runBacktest(input: BacktestInput, strategy: Strategy, partialConfig: Partial<BacktestConfig> = {},
  options: JobOptions = {}): Promise<BacktestResult> {
  const config = resolveConfig(partialConfig);
  const { universe } = input;
  if (universe.length === 0) throw new RangeError('a backtest needs at least one symbol');
  const slotOf = slotsBySymbol(universe);
  const benchmark = pickBenchmark(universe, config, input.benchmark);
  const calendar = unionCalendar(universe.map((s) => s.dates), config.from, config.to);
  if (calendar.length < 2) throw new RangeError(`the period ${config.from ?? 'start'}..${config.to ?? 'end'} holds fewer than 2 trading dates`);
  const decideOn = rebalanceMask(calendar, config.rebalance);

  options.onProgress?.({ status: 'start', kind: 'backtest', label: `${strategy.name} on ${universe.length} symbol(s)` });
  await strategy.prepare?.(universe, { decisionDates: decisionDates(calendar, config.rebalance), signal: options.signal, onProgress: options.onProgress });

  const state = createRunState(universe, slotOf, config, calendar);
  const context = decisionContext(state, options.signal);
  const checkpoint = makeCheckpointer(options.signal);
  const K = calendar.length;
  for (let k = 0; k < K; k++) {
    advanceTo(state, calendar[k]);
    if (config.borrowRate > 0 && k > 0) chargeBorrowFees(state, calendar[k - 1]);
    if (state.waitingOrders > 0) fillOrders(state);
    exitAtStops(state);
    markToClose(state, k);
    if (decideOn[k] && k < K - 1) {
      const out = strategy.decide(context);
      placeOrders(state, strategy.name, out instanceof Promise ? await out : out);
    }
    const pause = checkpoint();
    if (pause) {
      await pause;
      options.onProgress?.({ status: 'progress', done: k + 1, total: K, unit: 'dates' });
    }
  }
  options.onProgress?.({ status: 'done', message: `${state.portfolio.trades.length} trades` });

  const book = closeTheBooks(state, calendar[K - 1]);
  return {
    strategy: strategy.name,
    config,
    symbols: universe.map((s) => s.symbol),
    benchmarkSymbol: benchmark.symbol,
    dates: calendar,
    ...state.curves,
    benchmarkEquity: buyAndHoldCurve(benchmark, calendar, config.capital),
    fills: book.fills,
    trades: book.trades,
    openTrades: book.openTrades,
    signalCounts: state.signalCounts,
    signals: state.signals,
    positions: book.positions,
    realizedPnl: book.realizedPnl,
    unrealizedPnl: book.unrealizedPnl,
    commissionPaid: book.commissionPaid,
    borrowPaid: book.borrowPaid,
    tradedValue: book.tradedValue,
  };
}

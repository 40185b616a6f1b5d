/**
 * The event loop of a walk-forward backtest over several symbols. For each date of the union
 * calendar, in this order:
 *   1. orders decided at an earlier close fill at this bar's open (sells first, to free cash);
 *      a symbol without a bar today keeps its order until its next bar;
 *   2. stop-loss / take-profit levels are checked against the bar's open / high / low;
 *   3. positions are marked at the close and the equity is recorded;
 *   4. on a rebalance date the strategy decides, seeing bars up to this close only.
 */
import type { PriceSeries } from '../data/types';
import { makeCheckpointer, type JobOptions } from '../jobs/progress';
import { affordableQuantity, fillPrice } from '../portfolio/costs';
import { calendarDaysBetween, Portfolio } from '../portfolio/portfolio';
import type { Position } from '../portfolio/types';
import { indicatorReader } from '../strategy/indicator';
import type { Decision, DecisionContext, PositionView, Strategy, SymbolState } from '../strategy/types';
import { decisionDates, rebalanceMask, unionCalendar } from './calendar';
import { resolveConfig, type BacktestConfig } from './config';
import { protectiveExit } from './stops';
import type { BacktestResult, SignalEvent } from './types';

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
  const slotOf = new Map<string, number>();
  universe.forEach((s, i) => {
    if (slotOf.has(s.symbol)) throw new RangeError(`symbol "${s.symbol}" appears twice`);
    slotOf.set(s.symbol, i);
  });
  const benchmark = pickBenchmark(input, config);
  const calendar = unionCalendar(universe.map((s) => s.dates), config.from, config.to);
  if (calendar.length < 2) throw new RangeError(`the period ${config.from ?? 'start'}..${config.to ?? 'end'} holds fewer than 2 trading dates`);
  const decideOn = rebalanceMask(calendar, config.rebalance);

  options.onProgress?.({ status: 'start', kind: 'backtest', label: `${strategy.name} on ${universe.length} symbol(s)` });
  await strategy.prepare?.(universe, { decisionDates: decisionDates(calendar, config.rebalance), signal: options.signal, onProgress: options.onProgress });

  const n = universe.length;
  const K = calendar.length;
  const portfolio = new Portfolio(config.capital, config.commission);
  // last[s]: index of the symbol's latest bar on or before the current date (history before `from` is warm-up).
  const last = new Int32Array(n);
  for (let s = 0; s < n; s++) last[s] = lastIndexBefore(universe[s].dates, calendar[0]);
  // Columns by slot: the per-date loops over every symbol read them directly instead of going
  // through each series object (fewer dependent memory loads per symbol and date).
  const datesOf = universe.map((s) => s.dates);
  const opens = universe.map((s) => s.open);
  const closes = universe.map((s) => s.close);
  const states: SymbolState[] = universe.map((s, slot) => ({ symbol: s.symbol, slot, last: last[slot], hasBar: false }));
  let active: SymbolState[] = states.filter((st) => st.last >= 0);
  // The portfolio's position objects by slot: the hot loop reads them without map lookups.
  const positionOf: Position[] = universe.map((s) => portfolio.position(s.symbol));
  const pending: (Decision | undefined)[] = new Array(n).fill(undefined);
  let pendingCount = 0;

  const equity = new Float64Array(K);
  const cash = new Float64Array(K);
  const grossExposure = new Float64Array(K);
  const signalCounts = { buy: 0, sell: 0, hold: 0 };
  const signals: SignalEvent[] = [];
  const checkpoint = makeCheckpointer(options.signal);
  const historyCache = new Map<string, PriceSeries>();
  let currentEquity = config.capital;

  const context: DecisionContext = {
    date: '',
    symbols: active,
    universeSize: n,
    equity: config.capital,
    allowShort: config.allowShort,
    signal: options.signal,
    position(symbol: string): PositionView {
      const p = portfolio.positions.get(symbol);
      if (!p || p.quantity === 0) return { quantity: 0, weight: 0, averagePrice: 0 };
      return { quantity: p.quantity, weight: (p.quantity * p.markPrice) / currentEquity, averagePrice: p.averagePrice };
    },
    indicator: indicatorReader(universe, (slot) => last[slot]),
    history(symbol: string): PriceSeries {
      let view = historyCache.get(symbol);
      if (!view) {
        const slot = slotOf.get(symbol);
        if (slot === undefined) throw new RangeError(`unknown symbol "${symbol}"`);
        view = truncate(universe[slot], last[slot] + 1);
        historyCache.set(symbol, view);
      }
      return view;
    },
  };

  for (let k = 0; k < K; k++) {
    const date = calendar[k];
    let joined = false;
    let barsToday = 0;
    for (let s = 0; s < n; s++) {
      const st = states[s];
      st.hasBar = datesOf[s][last[s] + 1] === date;
      if (st.hasBar) {
        barsToday++;
        if (last[s] < 0) joined = true;
        last[s]++;
        st.last = last[s];
      }
    }
    if (joined) active = states.filter((st) => st.last >= 0);

    if (config.borrowRate > 0 && k > 0) chargeBorrowFees(calendar[k - 1], date);
    if (pendingCount > 0) pendingCount = executePending(date);

    // Protective exits, then mark at the close and value the book, in one pass over the symbols
    // (the same sums as portfolio.equity / grossExposure).
    let held = 0;
    let gross = 0;
    for (const st of active) {
      const pos = positionOf[st.slot];
      if (st.hasBar) {
        if (pos.quantity !== 0 && (pos.stopLoss !== undefined || pos.takeProfit !== undefined)) checkStops(st, pos, date);
        const close = closes[st.slot][st.last];
        if (Number.isFinite(close)) pos.markPrice = close;
      }
      if (pos.quantity !== 0) {
        const value = pos.quantity * pos.markPrice;
        held += value;
        gross += Math.abs(value);
      }
    }
    currentEquity = portfolio.cash + held;
    equity[k] = currentEquity;
    cash[k] = portfolio.cash;
    grossExposure[k] = gross / currentEquity;

    if (decideOn[k] && k < K - 1) {
      historyCache.clear();
      context.date = date;
      context.symbols = active;
      context.equity = currentEquity;
      const out = strategy.decide(context);
      const decisions = out instanceof Promise ? await out : out;
      record(date, decisions, barsToday);
    }
    const pause = checkpoint();
    if (pause) {
      await pause;
      options.onProgress?.({ status: 'progress', done: k + 1, total: K, unit: 'dates' });
    }
  }
  options.onProgress?.({ status: 'done', message: `${portfolio.trades.length} trades` });

  const lastDate = calendar[K - 1];
  return {
    strategy: strategy.name,
    config,
    symbols: universe.map((s) => s.symbol),
    benchmarkSymbol: benchmark.symbol,
    dates: calendar,
    equity,
    cash,
    grossExposure,
    benchmarkEquity: buyAndHoldCurve(benchmark, calendar, config.capital),
    fills: portfolio.fills,
    trades: portfolio.trades,
    openTrades: portfolio.openTradesAt(lastDate),
    signalCounts,
    signals,
    positions: [...portfolio.positions.values()].filter((p) => p.quantity !== 0 || p.realizedPnl !== 0).map((p) => ({
      symbol: p.symbol,
      quantity: p.quantity,
      averagePrice: p.averagePrice,
      markPrice: p.markPrice,
      realizedPnl: p.realizedPnl,
      unrealizedPnl: portfolio.unrealizedPnl(p.symbol),
    })),
    realizedPnl: portfolio.realizedPnl(),
    unrealizedPnl: portfolio.unrealizedPnl(),
    commissionPaid: portfolio.commissionPaid,
    borrowPaid: portfolio.borrowPaid,
    tradedValue: portfolio.tradedValue,
  };

  /** Borrow fees of the shorts held overnight from `previous`'s close to `date` (actual/365 on their value at that close). */
  function chargeBorrowFees(previous: string, date: string): void {
    const rateForPeriod = config.borrowRate * (calendarDaysBetween(previous, date) / 365);
    for (const st of active) {
      const pos = positionOf[st.slot];
      if (pos.quantity < 0) portfolio.chargeBorrow(st.symbol, -pos.quantity * pos.markPrice * rateForPeriod);
    }
  }

  function record(date: string, decisions: Decision[], barsToday: number): void {
    let decided = 0;
    for (const d of decisions) {
      const slot = slotOf.get(d.symbol);
      if (slot === undefined) throw new RangeError(`strategy ${strategy.name} decided on unknown symbol "${d.symbol}"`);
      if (d.signal !== 'hold') {
        decided++;
        signalCounts[d.signal]++;
        const event: SignalEvent = { date, symbol: d.symbol, signal: d.signal, reason: d.reason };
        if (d.targetWeight !== undefined) event.targetWeight = d.targetWeight;
        signals.push(event);
      }
      if (d.targetWeight === undefined && d.stopLoss === undefined && d.takeProfit === undefined) continue;
      if (!pending[slot]) pendingCount++;
      pending[slot] = d;
    }
    signalCounts.hold += Math.max(0, barsToday - decided);
  }

  /** Fills today's orders at the open; returns how many orders still wait for a bar. */
  function executePending(date: string): number {
    // Target weights are fractions of the equity valued at today's opens.
    let equityAtOpen = portfolio.cash;
    for (const st of active) {
      const p = positionOf[st.slot];
      if (p.quantity !== 0) equityAtOpen += p.quantity * (st.hasBar ? opens[st.slot][st.last] : p.markPrice);
    }
    // Plan every order against the same opening equity, then sell before buying so sales free cash.
    let waiting = 0;
    const buys: number[] = [];
    for (let s = 0; s < n; s++) {
      const d = pending[s];
      if (!d) continue;
      if (!states[s].hasBar || !Number.isFinite(opens[s][last[s]])) {
        waiting++;
        continue;
      }
      if (orderSide(s, d, equityAtOpen) === 'buy') buys.push(s);
      else executeOrder(s, d, equityAtOpen, date);
    }
    for (const s of buys) executeOrder(s, pending[s]!, equityAtOpen, date);
    for (let s = 0; s < n; s++) if (pending[s] && states[s].hasBar) pending[s] = undefined;
    return waiting;
  }

  function targetWeight(d: Decision): number | undefined {
    if (d.targetWeight === undefined) return undefined;
    return config.allowShort ? d.targetWeight : Math.max(0, d.targetWeight);
  }

  /** Whether reaching the target needs a buy or a sell at today's open (undefined: nothing to trade). */
  function orderSide(s: number, d: Decision, equityAtOpen: number): 'buy' | 'sell' | undefined {
    const weight = targetWeight(d);
    if (weight === undefined) return undefined;
    const wanted = weight * equityAtOpen - positionOf[s].quantity * opens[s][last[s]];
    return wanted > 0 ? 'buy' : wanted < 0 ? 'sell' : undefined;
  }

  function executeOrder(s: number, d: Decision, equityAtOpen: number, date: string): void {
    const symbol = universe[s].symbol;
    const open = opens[s][last[s]];
    const held = positionOf[s].quantity;
    const weight = targetWeight(d);
    const side = orderSide(s, d, equityAtOpen);
    if (weight !== undefined && side) {
      const price = fillPrice(side, open, config.slippage);
      let target = (weight * equityAtOpen) / price;
      if (config.wholeShares) target = Math.trunc(target);
      let quantity = side === 'buy' ? Math.max(0, target - held) : Math.max(0, held - target);
      if (side === 'buy') {
        // Covering a short is always allowed; new long shares are limited by the cash left after commission.
        const cover = Math.min(quantity, Math.max(0, -held));
        const cashAfterCover = portfolio.cash - cover * price * (1 + config.commission);
        quantity = cover + Math.min(quantity - cover, affordableQuantity(cashAfterCover, price, config.commission, config.wholeShares));
      }
      if (quantity * price > 1e-9 * equityAtOpen) portfolio.fill(symbol, date, side, quantity, price, open, 'signal', d.reason);
    }
    const pos = positionOf[s];
    if (pos.quantity !== 0) {
      if (d.stopLoss !== undefined) pos.stopLoss = d.stopLoss;
      if (d.takeProfit !== undefined) pos.takeProfit = d.takeProfit;
    }
  }

  /** Exits a position whose stop-loss or take-profit this bar reaches. */
  function checkStops(st: SymbolState, pos: Position, date: string): void {
    const series = universe[st.slot];
    const i = st.last;
    const exit = protectiveExit(pos.quantity, series.open[i], series.high[i], series.low[i], pos.stopLoss, pos.takeProfit);
    if (!exit) return;
    const side = pos.quantity > 0 ? 'sell' : 'buy';
    const price = fillPrice(side, exit.price, config.slippage);
    portfolio.fill(st.symbol, date, side, Math.abs(pos.quantity), price, exit.price, exit.reason);
  }
}

function pickBenchmark(input: BacktestInput, config: BacktestConfig): PriceSeries {
  if (input.benchmark) return input.benchmark;
  if (!config.benchmark) return input.universe[0];
  const found = input.universe.find((s) => s.symbol === config.benchmark);
  if (!found) throw new RangeError(`benchmark "${config.benchmark}" is not one of the symbols (${input.universe.map((s) => s.symbol).join(', ')})`);
  return found;
}

/** Index of the last date strictly before `date` (-1 when none); dates are ascending. */
function lastIndexBefore(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] < date) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The first `length` bars as views (no copy of the price arrays). */
export function truncate(series: PriceSeries, length: number): PriceSeries {
  const view: PriceSeries = {
    symbol: series.symbol,
    dates: series.dates.slice(0, length),
    open: series.open.subarray(0, length),
    high: series.high.subarray(0, length),
    low: series.low.subarray(0, length),
    close: series.close.subarray(0, length),
    volume: series.volume.subarray(0, length),
  };
  if (series.adjClose) view.adjClose = series.adjClose.subarray(0, length);
  return view;
}

/**
 * Benchmark buy-and-hold on closes (no costs), carried forward over dates without a bar, scaled so
 * that it starts at the initial capital on the first date the benchmark has a price.
 */
export function buyAndHoldCurve(benchmark: PriceSeries, calendar: readonly string[], capital: number): Float64Array {
  const curve = new Float64Array(calendar.length);
  let i = -1;
  let base = NaN;
  for (let k = 0; k < calendar.length; k++) {
    while (i + 1 < benchmark.dates.length && benchmark.dates[i + 1] <= calendar[k]) i++;
    const price = i >= 0 ? benchmark.close[i] : NaN;
    if (Number.isNaN(base) && Number.isFinite(price)) base = price;
    curve[k] = Number.isNaN(base) ? capital : (capital * price) / base;
  }
  return curve;
}

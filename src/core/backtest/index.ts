/**
 * Walk-forward backtests (docs/backtest.md). Where each formula lives:
 * - config.ts     the options (CLI names) with their defaults and checks
 * - calendar.ts   the union trading calendar and the decision dates of a rebalance rule
 * - engine.ts     the event loop: runs the steps below for each date of the calendar
 * - run-state.ts  the state one run changes (bar index per symbol, orders, portfolio, curves), moving to a date
 * - orders.ts     step "orders": decisions become signals and orders for the next open
 * - fills.ts      step "fills": orders fill at the open with slippage and commission, sells before buys
 * - stops.ts      step "stops": protective exits against one bar (gaps fill at the open)
 * - marking.ts    step "marking": positions valued at the close, the equity / cash / exposure curves
 * - accounting.ts step "accounting": borrow fees of shorts, the book (trades, positions, P&L) at the end
 * - context.ts    what a strategy sees on a decision date (bars up to that close only)
 * - benchmark.ts  the benchmark series and its buy-and-hold curve
 * - sweep.ts      the same backtest over a grid of one strategy's settings
 * - types.ts      the result: curves, fills, trades, signals, positions
 * Bookkeeping (cash, positions, trades, the one cost basis) is in ../portfolio; metrics in ../metrics; reports in ../report.
 */
export * from './config';
export * from './calendar';
export * from './engine';
export * from './benchmark';
export * from './stops';
export * from './sweep';
export * from './types';

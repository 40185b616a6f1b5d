/**
 * Walk-forward backtests (docs/backtest.md). Where each formula lives:
 * - config.ts    the options (CLI names) with their defaults and checks
 * - calendar.ts  the union trading calendar and the decision dates of a rebalance rule
 * - engine.ts    the event loop: fills at the next open, stops, marking at the close, borrow fees
 * - stops.ts     protective exits against one bar (gaps fill at the open)
 * - sweep.ts     the same backtest over a grid of one strategy's settings
 * - types.ts     the result: curves, fills, trades, signals, positions
 * Bookkeeping (cash, positions, trades) is in ../portfolio; metrics in ../metrics; reports in ../report.
 */
export * from './config';
export * from './calendar';
export * from './engine';
export * from './stops';
export * from './sweep';
export * from './types';

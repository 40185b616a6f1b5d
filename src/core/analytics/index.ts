/** Risk and performance analytics across symbols, backtest runs and the paper portfolio. */
export * from './analyse';
export * from './curves';
export * from './risk-profile';
export * from './align';

/** Risk and performance analytics across symbols, backtest runs and the paper portfolio. */
export * from './curves';
export * from './risk-profile';
export { correlationMatrix } from '../metrics';

/**
 * Return and risk ratios of a daily return series, with the formulas of DESIGN.md
 * (252 trading days a year; docs/backtest.md lists them all).
 */
import { mean, sampleCovariance, sampleStd } from './returns';

export const TRADING_DAYS = 252;

/** (final / initial)^(252 / n) - 1 where n is the number of daily returns (bars - 1). */
export function cagr(initial: number, final: number, nReturns: number): number {
  if (nReturns <= 0 || !(initial > 0)) return NaN;
  return Math.pow(final / initial, TRADING_DAYS / nReturns) - 1;
}

/** std(r, ddof 1) * sqrt(252). */
export function annualVolatility(returns: Float64Array): number {
  return sampleStd(returns) * Math.sqrt(TRADING_DAYS);
}

/** mean(r - rf_daily) / std(r, ddof 1) * sqrt(252); rf is an annual rate compounded daily. */
export function sharpeRatio(returns: Float64Array, riskFreeAnnual = 0): number {
  const rfDaily = Math.pow(1 + riskFreeAnnual, 1 / TRADING_DAYS) - 1;
  const excess = returns.map((r) => r - rfDaily);
  const sd = sampleStd(excess);
  return sd > 0 ? (mean(excess) / sd) * Math.sqrt(TRADING_DAYS) : NaN;
}

/** mean(r) * 252 / (sqrt(mean(min(r, 0)^2)) * sqrt(252)): downside deviation over all days. */
export function sortinoRatio(returns: Float64Array): number {
  if (returns.length === 0) return NaN;
  let downside = 0;
  for (const r of returns) if (r < 0) downside += r * r;
  const dd = Math.sqrt(downside / returns.length) * Math.sqrt(TRADING_DAYS);
  return dd > 0 ? (mean(returns) * TRADING_DAYS) / dd : NaN;
}

/** CAGR / |max drawdown|. */
export function calmarRatio(cagrValue: number, maxDrawdown: number): number {
  return maxDrawdown < 0 ? cagrValue / Math.abs(maxDrawdown) : NaN;
}

/**
 * OLS of strategy returns on benchmark returns: beta = cov / var (both ddof 1);
 * alpha annualised = (1 + mean(r) - beta * mean(rb))^252 - 1.
 */
export function alphaBeta(returns: Float64Array, benchmarkReturns: Float64Array): { alpha: number; beta: number } {
  const varB = sampleCovariance(benchmarkReturns, benchmarkReturns);
  const beta = varB > 0 ? sampleCovariance(returns, benchmarkReturns) / varB : NaN;
  const alpha = Math.pow(1 + mean(returns) - beta * mean(benchmarkReturns), TRADING_DAYS) - 1;
  return { alpha, beta };
}

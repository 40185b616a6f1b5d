/**
 * Return and risk ratios of a return series, with the formulas of DESIGN.md (docs/backtest.md lists
 * them all). `periodsPerYear` is 252 for daily data (the default), 52 weekly, 12 monthly.
 */
import { mean, sampleCovariance, sampleStd } from './returns';

export const TRADING_DAYS = 252;

/** (final / initial)^(periodsPerYear / n) - 1 where n is the number of returns (bars - 1). */
export function cagr(initial: number, final: number, nReturns: number, periodsPerYear = TRADING_DAYS): number {
  if (nReturns <= 0 || !(initial > 0)) return NaN;
  return Math.pow(final / initial, periodsPerYear / nReturns) - 1;
}

/** std(r, ddof 1) * sqrt(periodsPerYear). */
export function annualVolatility(returns: Float64Array, periodsPerYear = TRADING_DAYS): number {
  return sampleStd(returns) * Math.sqrt(periodsPerYear);
}

/** mean(r - rf_period) / std(r, ddof 1) * sqrt(periodsPerYear); rf is an annual rate compounded each period. */
export function sharpeRatio(returns: Float64Array, riskFreeAnnual = 0, periodsPerYear = TRADING_DAYS): number {
  const rfPeriod = Math.pow(1 + riskFreeAnnual, 1 / periodsPerYear) - 1;
  const excess = returns.map((r) => r - rfPeriod);
  const sd = sampleStd(excess);
  return sd > 0 ? (mean(excess) / sd) * Math.sqrt(periodsPerYear) : NaN;
}

/** mean(r) * P / (sqrt(mean(min(r, 0)^2)) * sqrt(P)): downside deviation over all periods. */
export function sortinoRatio(returns: Float64Array, periodsPerYear = TRADING_DAYS): number {
  if (returns.length === 0) return NaN;
  let downside = 0;
  for (const r of returns) if (r < 0) downside += r * r;
  const dd = Math.sqrt(downside / returns.length) * Math.sqrt(periodsPerYear);
  return dd > 0 ? (mean(returns) * periodsPerYear) / dd : NaN;
}

/** CAGR / |max drawdown|. */
export function calmarRatio(cagrValue: number, maxDrawdown: number): number {
  return maxDrawdown < 0 ? cagrValue / Math.abs(maxDrawdown) : NaN;
}

/**
 * OLS of strategy returns on benchmark returns: beta = cov / var (both ddof 1);
 * alpha annualised = (1 + mean(r) - beta * mean(rb))^periodsPerYear - 1.
 */
export function alphaBeta(returns: Float64Array, benchmarkReturns: Float64Array, periodsPerYear = TRADING_DAYS): { alpha: number; beta: number } {
  const varB = sampleCovariance(benchmarkReturns, benchmarkReturns);
  const beta = varB > 0 ? sampleCovariance(returns, benchmarkReturns) / varB : NaN;
  const alpha = Math.pow(1 + mean(returns) - beta * mean(benchmarkReturns), periodsPerYear) - 1;
  return { alpha, beta };
}

/** mean(r - rb) / std(r - rb, ddof 1) * sqrt(periodsPerYear): excess return per unit of tracking error. */
export function informationRatio(returns: Float64Array, benchmarkReturns: Float64Array, periodsPerYear = TRADING_DAYS): number {
  const active = returns.map((r, i) => r - benchmarkReturns[i]);
  const sd = sampleStd(active);
  return sd > 0 ? (mean(active) / sd) * Math.sqrt(periodsPerYear) : NaN;
}

/** corr(r, rb)^2: the share of the return variance the benchmark explains. */
export function rSquared(returns: Float64Array, benchmarkReturns: Float64Array): number {
  const va = sampleCovariance(returns, returns);
  const vb = sampleCovariance(benchmarkReturns, benchmarkReturns);
  if (!(va > 0 && vb > 0)) return NaN;
  return sampleCovariance(returns, benchmarkReturns) ** 2 / (va * vb);
}

/**
 * The shape of a return distribution: skew and excess kurtosis (bias-corrected, as pandas), the omega
 * and tail ratios, and the probabilistic Sharpe ratio (Bailey and Lopez de Prado, benchmark Sharpe 0).
 */
import { normalCdf } from './normal';
import { mean, quantile, sampleStd } from './returns';

function centralMoments(values: ArrayLike<number>): { n: number; m2: number; m3: number; m4: number } {
  const n = values.length;
  const mu = mean(values);
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mu;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  return { n, m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

/** Sample skewness with the small-sample correction of pandas `Series.skew()` (G1); NaN below 3 values. */
export function skewness(values: ArrayLike<number>): number {
  const { n, m2, m3 } = centralMoments(values);
  if (n < 3 || !(m2 > 0)) return NaN;
  return (Math.sqrt(n * (n - 1)) / (n - 2)) * (m3 / m2 ** 1.5);
}

/** Excess kurtosis with the small-sample correction of pandas `Series.kurt()` (G2); NaN below 4 values. */
export function excessKurtosis(values: ArrayLike<number>): number {
  const { n, m2, m4 } = centralMoments(values);
  if (n < 4 || !(m2 > 0)) return NaN;
  return (((n + 1) * (m4 / (m2 * m2)) - 3 * (n - 1)) * (n - 1)) / ((n - 2) * (n - 3));
}

/** sum(max(r, 0)) / sum(max(-r, 0)): gains over losses at threshold 0 (Infinity with no loss). */
export function omegaRatio(returns: ArrayLike<number>): number {
  let gains = 0, losses = 0;
  for (let i = 0; i < returns.length; i++) {
    if (returns[i] > 0) gains += returns[i];
    else losses -= returns[i];
  }
  return losses > 0 ? gains / losses : gains > 0 ? Infinity : NaN;
}

/** |q95(r) / q05(r)|: how far the right tail reaches compared with the left. */
export function tailRatio(returns: ArrayLike<number>): number {
  const low = quantile(returns, 0.05);
  return low !== 0 ? Math.abs(quantile(returns, 0.95) / low) : NaN;
}

/**
 * Probability that the true (per-period) Sharpe ratio is above 0, given the sample's length, skew and
 * kurtosis: Phi(SR sqrt(n-1) / sqrt(1 - skew SR + (kurt + 2) / 4 SR^2)), kurt excess (so +3 - 1).
 */
export function probabilisticSharpe(returns: ArrayLike<number>): number {
  const n = returns.length;
  const sd = sampleStd(returns);
  if (n < 4 || !(sd > 0)) return NaN;
  const sr = mean(returns) / sd;
  const spread = 1 - skewness(returns) * sr + ((excessKurtosis(returns) + 2) / 4) * sr * sr;
  return spread > 0 ? normalCdf((sr * Math.sqrt(n - 1)) / Math.sqrt(spread)) : NaN;
}

/**
 * Historical (empirical) Value at Risk and Conditional VaR of daily returns, reported as positive
 * loss fractions: VaR(95%) = -quantile(r, 5%) with numpy's linear interpolation; CVaR(95%) = -mean of
 * the returns at or below that quantile (the expected loss on the worst 5% of days).
 */
import { quantile } from './returns';

export function historicalVaR(returns: Float64Array, level = 0.95): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`VaR level must be in (0, 1), got ${level}`);
  return -quantile(returns, 1 - level);
}

export function historicalCVaR(returns: Float64Array, level = 0.95): number {
  const cutoff = -historicalVaR(returns, level);
  let sum = 0;
  let count = 0;
  for (const r of returns) {
    if (r <= cutoff) {
      sum += r;
      count++;
    }
  }
  return count ? -sum / count : NaN;
}

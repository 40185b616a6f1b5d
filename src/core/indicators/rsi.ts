import { assertPeriod } from './period';
import { ewmMean } from './ewm-mean';
import { wilderAverage } from './wilder-average';

/**
 * How the first average gain/loss is seeded:
 * - 'first' (default, DESIGN.md): pandas `ewm(alpha=1/period, adjust=False)` over the changes, the first
 *   change (bar 1) being the first average, so RSI exists from bar 1;
 * - 'sma': Wilder's book / StockCharts: the first average is the mean of the first `period` changes,
 *   so RSI starts at bar `period`.
 * Both then smooth with alpha = 1/period and converge to each other.
 */
export type RsiSeed = 'first' | 'sma';

/**
 * Relative Strength Index (Wilder). change[t] = close[t] - close[t-1] (bar 0 has none);
 * gain = max(change, 0), loss = max(-change, 0); RSI = 100 - 100/(1 + avgGain/avgLoss).
 * As in pandas, avgLoss = 0 gives 100 (and 0/0, a flat stretch since the start, gives NaN).
 */
export function rsi(close: Float64Array, period = 14, seed: RsiSeed = 'first'): Float64Array {
  assertPeriod('rsi', period);
  const n = close.length;
  const gains = new Float64Array(n);
  const losses = new Float64Array(n);
  gains[0] = NaN;
  losses[0] = NaN;
  for (let i = 1; i < n; i++) {
    const change = close[i] - close[i - 1];
    gains[i] = change > 0 ? change : change === change ? 0 : NaN;
    losses[i] = change < 0 ? -change : change === change ? 0 : NaN;
  }
  const avgGain = seed === 'sma' ? wilderAverage(gains, period) : ewmMean(gains, 1 / period);
  const avgLoss = seed === 'sma' ? wilderAverage(losses, period) : ewmMean(losses, 1 / period);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 100 - 100 / (1 + avgGain[i] / avgLoss[i]);
  return out;
}

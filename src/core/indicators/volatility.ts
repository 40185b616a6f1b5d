import { rollingStd } from './rolling-std';

/**
 * Annualised rolling volatility: sample standard deviation (ddof 1) of the daily simple returns
 * close[t]/close[t-1] - 1 over `period` days, times sqrt(252). The first valid bar is `period`
 * (it needs `period` returns), as pandas `close.pct_change().rolling(period).std() * sqrt(252)`.
 */
export function volatility(close: Float64Array, period = 20): Float64Array {
  const n = close.length;
  const returns = new Float64Array(n);
  if (n > 0) returns[0] = NaN;
  for (let i = 1; i < n; i++) returns[i] = close[i] / close[i - 1] - 1;
  const out = rollingStd(returns, period, 1);
  const annualise = Math.sqrt(252);
  for (let i = 0; i < n; i++) out[i] *= annualise;
  return out;
}

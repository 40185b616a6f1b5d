/**
 * Forward return over `horizon` bars: r[t] = close[t+h] / close[t] - 1; NaN for the last h bars,
 * whose label would need prices not seen yet (such rows are excluded from training).
 */
export function forwardReturn(close: Float64Array, horizon: number): Float64Array {
  const n = close.length;
  const out = new Float64Array(n).fill(NaN);
  for (let i = 0; i + horizon < n; i++) out[i] = close[i + horizon] / close[i] - 1;
  return out;
}

/** Buy target: r > buyThreshold. Sell target: r < sellThreshold. (Called on finite r only.) */
export const isBuyTarget = (r: number, buyThreshold: number) => r > buyThreshold;
export const isSellTarget = (r: number, sellThreshold: number) => r < sellThreshold;

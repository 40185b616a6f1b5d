/** ML signal per DESIGN: 1 buy, -1 sell, 0 hold. */
export type Signal = 1 | -1 | 0;

/**
 * buy if pBuy > confidence and pBuy > pSell; sell if pSell > confidence and pSell > pBuy; else hold
 * (also hold where either probability is NaN, e.g. during indicator warm-up).
 */
export function mlSignal(pBuy: number, pSell: number, confidence: number): Signal {
  if (pBuy > confidence && pBuy > pSell) return 1;
  if (pSell > confidence && pSell > pBuy) return -1;
  return 0;
}

export function mlSignals(pBuy: Float64Array, pSell: Float64Array, confidence: number): Int8Array {
  const out = new Int8Array(pBuy.length);
  for (let i = 0; i < pBuy.length; i++) out[i] = mlSignal(pBuy[i], pSell[i], confidence);
  return out;
}

/**
 * Protective exits against one bar (DESIGN.md conventions, docs/backtest.md):
 * - a bar that opens beyond the level (a gap) exits at the open, the price actually available;
 * - otherwise a level inside [low, high] exits at the level;
 * - when both the stop and the target are inside one bar, the stop wins (the order of moves inside a
 *   daily bar is unknown, so assume the worse one).
 */
export interface ProtectiveExit {
  reason: 'stop-loss' | 'take-profit';
  /** Reference price before slippage. */
  price: number;
}

export function protectiveExit(quantity: number, open: number, high: number, low: number,
  stopLoss: number | undefined, takeProfit: number | undefined): ProtectiveExit | undefined {
  if (quantity === 0 || !Number.isFinite(open)) return undefined;
  const long = quantity > 0;
  // "beyond" means below for a long's stop / a short's target, above for the others.
  const stopHitAtOpen = stopLoss !== undefined && (long ? open <= stopLoss : open >= stopLoss);
  const takeHitAtOpen = takeProfit !== undefined && (long ? open >= takeProfit : open <= takeProfit);
  if (stopHitAtOpen) return { reason: 'stop-loss', price: open };
  if (takeHitAtOpen) return { reason: 'take-profit', price: open };
  if (stopLoss !== undefined && (long ? low <= stopLoss : high >= stopLoss)) return { reason: 'stop-loss', price: stopLoss };
  if (takeProfit !== undefined && (long ? high >= takeProfit : low <= takeProfit)) return { reason: 'take-profit', price: takeProfit };
  return undefined;
}

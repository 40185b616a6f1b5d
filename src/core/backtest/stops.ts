/**
 * Protective exits against one bar (DESIGN.md conventions, docs/backtest.md):
 * - a bar that opens beyond the level (a gap) exits at the open, the price actually available;
 * - otherwise a level inside [low, high] exits at the level;
 * - when both the stop and the target are inside one bar, the stop wins (the order of moves inside a
 *   daily bar is unknown, so assume the worse one).
 * Step "stops" of the engine: after today's fills, every held position with a level is checked against
 * its symbol's bar and exits completely, with slippage and commission like any fill.
 */
import { fillPrice } from '../portfolio/costs';
import type { RunState } from './run-state';

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

/** Exits today every position whose stop-loss or take-profit its bar reaches. */
export function exitAtStops(state: RunState): void {
  for (const st of state.active) {
    const pos = state.positions[st.slot];
    if (!st.hasBar || pos.quantity === 0 || (pos.stopLoss === undefined && pos.takeProfit === undefined)) continue;
    const bar = state.universe[st.slot];
    const i = st.last;
    const exit = protectiveExit(pos.quantity, bar.open[i], bar.high[i], bar.low[i], pos.stopLoss, pos.takeProfit);
    if (!exit) continue;
    const side = pos.quantity > 0 ? 'sell' : 'buy';
    const price = fillPrice(side, exit.price, state.config.slippage);
    state.portfolio.fill(st.symbol, state.date, side, Math.abs(pos.quantity), price, exit.price, exit.reason);
  }
}

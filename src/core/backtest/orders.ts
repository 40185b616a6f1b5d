/**
 * Step "orders": a decision taken at a close becomes an order for the symbol's next open (fills.ts).
 * The strategy's buy / sell signals are recorded with their reasons; a decision that changes nothing
 * (no target weight, no protective level) is only a signal. A newer decision replaces a waiting one.
 */
import type { Decision } from '../strategy/types';
import type { BacktestConfig } from './config';
import type { RunState } from './run-state';

/** Records today's decisions of `strategyName` as signals and as orders waiting for the next open. */
export function placeOrders(state: RunState, strategyName: string, decisions: readonly Decision[]): void {
  let decided = 0;
  for (const d of decisions) {
    const slot = state.slotOf.get(d.symbol);
    if (slot === undefined) throw new RangeError(`strategy ${strategyName} decided on unknown symbol "${d.symbol}"`);
    if (d.signal !== 'hold') {
      decided++;
      state.signalCounts[d.signal]++;
      state.signals.push({ date: state.date, symbol: d.symbol, signal: d.signal, reason: d.reason, ...(d.targetWeight !== undefined && { targetWeight: d.targetWeight }) });
    }
    if (d.targetWeight === undefined && d.stopLoss === undefined && d.takeProfit === undefined) continue;
    if (!state.orders[slot]) state.waitingOrders++;
    state.orders[slot] = d;
  }
  // Symbols with a bar today and no buy / sell held their position.
  state.signalCounts.hold += Math.max(0, state.barsToday - decided);
}

/** The order's target weight, with shorts cut to flat unless the run allows them (undefined: keep the size). */
export function targetWeight(config: BacktestConfig, d: Decision): number | undefined {
  if (d.targetWeight === undefined) return undefined;
  return config.allowShort ? d.targetWeight : Math.max(0, d.targetWeight);
}

/** Whether reaching the target needs a buy or a sell at today's open (undefined: nothing to trade). */
export function orderSide(state: RunState, slot: number, d: Decision, equityAtOpen: number): 'buy' | 'sell' | undefined {
  const weight = targetWeight(state.config, d);
  if (weight === undefined) return undefined;
  const wanted = weight * equityAtOpen - state.positions[slot].quantity * state.universe[slot].open[state.symbols[slot].last];
  return wanted > 0 ? 'buy' : wanted < 0 ? 'sell' : undefined;
}

/**
 * Step "fills": orders decided at an earlier close fill at today's open (DESIGN.md "fills"), moved
 * against the trader by the slippage rate, with commission on the traded value (../portfolio/costs.ts).
 * - Target weights are fractions of the equity valued at today's opens, the same for every order of the day.
 * - Sells fill before buys, so that sales free cash; a buy of new shares is limited by the cash left.
 * - A symbol without a bar today (or without an open price) keeps its order until its next bar.
 */
import { affordableQuantity, fillPrice } from '../portfolio/costs';
import type { Decision } from '../strategy/types';
import { orderSide, targetWeight } from './orders';
import type { RunState } from './run-state';

/** Fills the orders of symbols that trade today; the others keep waiting (`state.waitingOrders`). */
export function fillOrders(state: RunState): void {
  const { orders, symbols, universe } = state;
  const equityAtOpen = equityAtTheOpen(state);
  let waiting = 0;
  const buys: number[] = [];
  for (let s = 0; s < orders.length; s++) {
    const d = orders[s];
    if (!d) continue;
    if (!symbols[s].hasBar || !Number.isFinite(universe[s].open[symbols[s].last])) {
      waiting++;
      continue;
    }
    if (orderSide(state, s, d, equityAtOpen) === 'buy') buys.push(s);
    else fillOrder(state, s, d, equityAtOpen);
  }
  for (const s of buys) fillOrder(state, s, orders[s]!, equityAtOpen);
  for (let s = 0; s < orders.length; s++) if (orders[s] && symbols[s].hasBar) orders[s] = undefined;
  state.waitingOrders = waiting;
}

/** Cash plus every position valued at today's open (at its last mark when the symbol has no bar today). */
function equityAtTheOpen(state: RunState): number {
  let equity = state.portfolio.cash;
  for (const st of state.active) {
    const p = state.positions[st.slot];
    if (p.quantity !== 0) equity += p.quantity * (st.hasBar ? state.universe[st.slot].open[st.last] : p.markPrice);
  }
  return equity;
}

/** Trades symbol `s` to its target weight at today's open and attaches the order's protective levels. */
function fillOrder(state: RunState, s: number, d: Decision, equityAtOpen: number): void {
  const { config, portfolio } = state;
  const open = state.universe[s].open[state.symbols[s].last];
  const pos = state.positions[s];
  const held = pos.quantity;
  const weight = targetWeight(config, d);
  const side = orderSide(state, s, d, equityAtOpen);
  if (weight !== undefined && side) {
    const price = fillPrice(side, open, config.slippage);
    let target = (weight * equityAtOpen) / price;
    if (config.wholeShares) target = Math.trunc(target);
    let quantity = side === 'buy' ? Math.max(0, target - held) : Math.max(0, held - target);
    if (side === 'buy') {
      // Covering a short is always allowed; new long shares are limited by the cash left after commission.
      const cover = Math.min(quantity, Math.max(0, -held));
      const cashAfterCover = portfolio.cash - cover * price * (1 + config.commission);
      quantity = cover + Math.min(quantity - cover, affordableQuantity(cashAfterCover, price, config.commission, config.wholeShares));
    }
    if (quantity * price > 1e-9 * equityAtOpen) portfolio.fill(pos.symbol, state.date, side, quantity, price, open, 'signal', d.reason);
  }
  if (pos.quantity !== 0) {
    if (d.stopLoss !== undefined) pos.stopLoss = d.stopLoss;
    if (d.takeProfit !== undefined) pos.takeProfit = d.takeProfit;
  }
}

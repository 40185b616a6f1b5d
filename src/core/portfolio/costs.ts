/**
 * Execution costs (DESIGN.md "fills"): an order decided on bar t fills at bar t+1's open, moved
 * against the trader by the slippage rate, and every fill pays commission on its traded value.
 * Shared by the backtester and the paper-trading portfolio so both price fills the same way.
 */
export type Side = 'buy' | 'sell';

/** Price actually paid (buy) or received (sell): slippage makes buys dearer and sells cheaper. */
export function fillPrice(side: Side, price: number, slippage: number): number {
  return side === 'buy' ? price * (1 + slippage) : price * (1 - slippage);
}

/** Commission on one fill: rate x traded value (value is taken as absolute). */
export function commission(value: number, rate: number): number {
  return Math.abs(value) * rate;
}

/**
 * Largest quantity a buy can take with `cash` once commission is paid on top:
 * qty * price * (1 + rate) = cash. Whole-share sizing rounds down so the cash never goes negative.
 */
export function affordableQuantity(cash: number, price: number, rate: number, wholeShares: boolean): number {
  if (!(cash > 0) || !(price > 0)) return 0;
  const qty = cash / (price * (1 + rate));
  return wholeShares ? Math.floor(qty) : qty;
}

/**
 * The one definition of average cost and realised P&L, for backtests and paper trading alike
 * (docs/backtest.md "Accounting"):
 * - the average cost of a position is the mean fill price of the shares held, without commissions;
 * - realised P&L is booked when it happens: closed shares x (fill price - average cost) x direction, and
 *   every commission (and borrow fee) when it is paid, including a buy's;
 * so realised + unrealised P&L (held x (mark - average cost)) = equity - starting capital at all times.
 */
export interface CostBasis {
  /** Signed shares held. */
  quantity: number;
  /** Mean fill price of the shares held, without commissions (0 when flat). */
  averageCost: number;
}

export interface BookedFill extends CostBasis {
  /** Shares of the old position the fill closed (a reduction, or the first part of a reversal). */
  closed: number;
  /** closed x (price - old average cost) x old direction, before costs. */
  gross: number;
  /** The fill's commission split between its closing and its opening part, by shares. */
  closeFee: number;
  openFee: number;
  /** The old position was closed completely (a new one may have been opened by the rest of the fill). */
  flattened: boolean;
}

/** The position after a fill of `signed` shares (> 0 buys, < 0 sells) at `price` with commission `fee`. */
export function bookFill(basis: CostBasis, signed: number, price: number, fee: number): BookedFill {
  const total = Math.abs(signed);
  if (total === 0) return { ...basis, closed: 0, gross: 0, closeFee: 0, openFee: fee, flattened: false }; // a fee without shares is a cost
  let { quantity, averageCost } = basis;
  let remaining = total;
  let closed = 0;
  let gross = 0;
  let flattened = false;
  if (quantity !== 0 && Math.sign(quantity) !== Math.sign(signed)) {
    closed = Math.min(remaining, Math.abs(quantity));
    gross = closed * (price - averageCost) * Math.sign(quantity);
    quantity += Math.sign(signed) * closed;
    remaining -= closed;
    if (Math.abs(quantity) < 1e-12 * closed) {
      quantity = 0;
      averageCost = 0;
      flattened = true;
    }
  }
  if (remaining > 0) {
    const held = Math.abs(quantity);
    averageCost = (held * averageCost + remaining * price) / (held + remaining);
    quantity += Math.sign(signed) * remaining;
  }
  return { quantity, averageCost, closed, gross, closeFee: fee * (closed / total), openFee: fee * (remaining / total), flattened };
}

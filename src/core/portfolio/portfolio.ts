/**
 * Mock portfolio: cash, signed positions with average-cost accounting (cost-basis.ts), fills with commission,
 * realized / unrealized P&L and the list of round-trip trades. Pure bookkeeping: it is told the
 * fill price (see costs.ts) and never looks at market data itself, so the backtester and the
 * paper-trading portfolio can both drive it.
 */
import { bookFill } from './cost-basis';
import { commission, type Side } from './costs';
import type { Fill, FillReason, Position, Trade } from './types';

interface OpenTrade {
  direction: 'long' | 'short';
  entryDate: string;
  entryNote: string;
  entryValue: number;
  entryQuantity: number;
  exitValue: number;
  exitQuantity: number;
  grossPnl: number;
  commission: number;
  borrowCost: number;
  maxQuantity: number;
}

const DAY_MS = 86_400_000;

export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

export class Portfolio {
  cash: number;
  readonly initialCapital: number;
  readonly commissionRate: number;
  readonly positions = new Map<string, Position>();
  readonly fills: Fill[] = [];
  readonly trades: Trade[] = [];
  /** Sum of |traded value| over all fills, for turnover. */
  tradedValue = 0;
  commissionPaid = 0;
  /** Borrow fees of short positions (see chargeBorrow). */
  borrowPaid = 0;
  private readonly openTrades = new Map<string, OpenTrade>();

  constructor(initialCapital: number, commissionRate: number) {
    this.initialCapital = initialCapital;
    this.cash = initialCapital;
    this.commissionRate = commissionRate;
  }

  position(symbol: string): Position {
    let p = this.positions.get(symbol);
    if (!p) {
      // Every field from the start (numbers as doubles), so all positions share one hidden class
      // and the backtest's per-bar loop stays monomorphic.
      p = { symbol, quantity: 0, averageCost: 0, markPrice: NaN, realizedPnl: 0, stopLoss: undefined, takeProfit: undefined };
      this.positions.set(symbol, p);
    }
    return p;
  }

  quantity(symbol: string): number {
    return this.positions.get(symbol)?.quantity ?? 0;
  }

  /**
   * Applies one fill of `quantity` (> 0) shares at `price` (already slipped). A fill may close,
   * reduce, extend or reverse the position; each part is booked on the right trade.
   */
  fill(symbol: string, date: string, side: Side, quantity: number, price: number, referencePrice: number,
    reason: FillReason, note = ''): Fill | undefined {
    if (!(quantity > 0) || !(price > 0)) return undefined;
    const pos = this.position(symbol);
    const fee = commission(quantity * price, this.commissionRate);
    const signed = side === 'buy' ? quantity : -quantity;
    this.cash -= signed * price + fee;
    this.tradedValue += quantity * price;
    this.commissionPaid += fee;

    const booked = bookFill(pos, signed, price, fee);
    if (booked.closed > 0) {
      // Reducing (and maybe reversing): P&L realised on the closed shares at the average cost.
      pos.realizedPnl += booked.gross - booked.closeFee;
      const trade = this.openTrades.get(symbol)!;
      trade.grossPnl += booked.gross;
      trade.commission += booked.closeFee;
      trade.exitValue += booked.closed * price;
      trade.exitQuantity += booked.closed;
      if (booked.flattened) {
        pos.stopLoss = undefined;
        pos.takeProfit = undefined;
        this.closeTrade(symbol, trade, date, reason, note);
      }
    }
    pos.quantity = booked.quantity;
    pos.averageCost = booked.averageCost;
    const opened = quantity - booked.closed;
    if (opened > 0) {
      // Opening or extending: the open trade grows; the commission is realised when paid.
      pos.realizedPnl -= booked.openFee;
      let trade = this.openTrades.get(symbol);
      if (!trade) {
        trade = {
          direction: signed > 0 ? 'long' : 'short', entryDate: date, entryNote: note, entryValue: 0, entryQuantity: 0,
          exitValue: 0, exitQuantity: 0, grossPnl: 0, commission: 0, borrowCost: 0, maxQuantity: 0,
        };
        this.openTrades.set(symbol, trade);
      }
      trade.entryValue += opened * price;
      trade.entryQuantity += opened;
      trade.commission += booked.openFee;
      trade.maxQuantity = Math.max(trade.maxQuantity, Math.abs(pos.quantity));
    }
    const record: Fill = { date, symbol, side, quantity, referencePrice, price, commission: fee, reason };
    if (note) record.note = note;
    this.fills.push(record);
    return record;
  }

  private closeTrade(symbol: string, trade: OpenTrade, date: string, reason: FillReason, note: string): void {
    this.openTrades.delete(symbol);
    this.trades.push(toTrade(symbol, trade, date, reason, note));
  }

  /** Pays a short position's borrow fee from cash, booked on the symbol's realized P&L and on its open trade. */
  chargeBorrow(symbol: string, fee: number): void {
    if (!(fee > 0)) return;
    this.cash -= fee;
    this.borrowPaid += fee;
    this.position(symbol).realizedPnl -= fee;
    const trade = this.openTrades.get(symbol);
    if (trade) trade.borrowCost += fee;
  }

  /** Values the position at a new price (the bar's close). */
  mark(symbol: string, price: number): void {
    const pos = this.positions.get(symbol);
    if (pos && Number.isFinite(price)) pos.markPrice = price;
  }

  /** Cash plus every position at its mark price. */
  equity(): number {
    let total = this.cash;
    for (const pos of this.positions.values()) if (pos.quantity !== 0) total += pos.quantity * pos.markPrice;
    return total;
  }

  /** Sum of |position value| (gross exposure in currency). */
  grossExposure(): number {
    let total = 0;
    for (const pos of this.positions.values()) if (pos.quantity !== 0) total += Math.abs(pos.quantity * pos.markPrice);
    return total;
  }

  unrealizedPnl(symbol?: string): number {
    let total = 0;
    for (const pos of this.positions.values()) {
      if (pos.quantity === 0 || (symbol !== undefined && pos.symbol !== symbol)) continue;
      total += pos.quantity * (pos.markPrice - pos.averageCost);
    }
    return total;
  }

  realizedPnl(): number {
    let total = 0;
    for (const pos of this.positions.values()) total += pos.realizedPnl;
    return total;
  }

  /** Trades still open, valued at their mark price (exit fields describe a sale at the mark, without costs). */
  openTradesAt(date: string): Trade[] {
    const result: Trade[] = [];
    for (const [symbol, trade] of this.openTrades) {
      const pos = this.positions.get(symbol)!;
      const snapshot = { ...trade };
      const held = Math.abs(pos.quantity);
      snapshot.grossPnl += held * (pos.markPrice - pos.averageCost) * Math.sign(pos.quantity);
      snapshot.exitValue += held * pos.markPrice;
      snapshot.exitQuantity += held;
      const t = toTrade(symbol, snapshot, date, 'signal', '');
      t.exitReason = 'open';
      t.exitDate = '';
      result.push(t);
    }
    return result;
  }
}

function toTrade(symbol: string, trade: OpenTrade, date: string, reason: FillReason, note: string): Trade {
  const pnl = trade.grossPnl - trade.commission - trade.borrowCost;
  return {
    symbol,
    direction: trade.direction,
    entryDate: trade.entryDate,
    exitDate: date,
    entryPrice: trade.entryValue / trade.entryQuantity,
    exitPrice: trade.exitQuantity > 0 ? trade.exitValue / trade.exitQuantity : NaN,
    quantity: trade.maxQuantity,
    pnl,
    returnPct: (pnl / trade.entryValue) * 100,
    commission: trade.commission,
    borrowCost: trade.borrowCost,
    durationDays: calendarDaysBetween(trade.entryDate, date),
    entryNote: trade.entryNote,
    exitReason: reason,
    exitNote: note,
  };
}

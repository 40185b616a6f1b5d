/**
 * Trade markers for the price chart from what each screen has: a backtest's trades (entry note,
 * exit reason and note) or the paper journal (side and the recorded reason).
 */
import type { PaperTrade } from '../../core/paper';
import type { Trade } from '../../core/portfolio/types';
import type { TradeMarker } from './price-chart';

export function markersFromTrades(trades: readonly Trade[], symbol: string): TradeMarker[] {
  return trades.filter((t) => t.symbol === symbol).flatMap((t) => [
    { date: t.entryDate, price: t.entryPrice, kind: 'entry' as const, direction: t.direction, reason: t.entryNote || 'entry signal' },
    ...(t.exitDate
      ? [{ date: t.exitDate, price: t.exitPrice, kind: 'exit' as const, direction: t.direction, reason: [t.exitReason, t.exitNote].filter(Boolean).join(': ') + ` (${t.returnPct >= 0 ? '+' : ''}${t.returnPct.toFixed(2)}%)` }]
      : []),
  ]);
}

export function markersFromJournal(trades: readonly PaperTrade[], symbol: string): TradeMarker[] {
  return trades.filter((t) => t.symbol === symbol).map((t) => ({
    date: t.date,
    price: t.price,
    kind: t.side === 'buy' ? ('entry' as const) : ('exit' as const),
    direction: 'long' as const,
    reason: `${t.side} ${t.quantity} (${t.source})${t.note ? `: ${t.note}` : ''}`,
  }));
}

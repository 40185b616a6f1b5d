/** The trade journal as CSV (one row per trade, header first), e.g. for a spreadsheet. */
import { csvCell, csvNumber } from '../data/csv';
import { compareTrades } from './ledger';
import type { PaperTrade } from './types';

const columns = ['date', 'executed_at', 'symbol', 'side', 'quantity', 'market_price', 'fill_price', 'commission', 'value', 'source', 'note'] as const;

/** Numbers as numbers, text through the app's one CSV escaping rule (`csvCell`). */
const cell = (value: string | number | undefined): string => (typeof value === 'number' ? csvNumber(value) : csvCell(value ?? ''));

export function journalToCsv(trades: readonly PaperTrade[]): string {
  const rows = [...trades].sort(compareTrades).map((t) =>
    [t.date, t.executedAt, t.symbol, t.side, t.quantity, t.marketPrice, t.price, t.commission, t.quantity * t.price, t.source, t.note]
      .map(cell)
      .join(','),
  );
  return [columns.join(','), ...rows].join('\n') + '\n';
}

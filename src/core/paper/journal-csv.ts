/** The trade journal as CSV (one row per trade, header first), e.g. for a spreadsheet. */
import { compareTrades } from './ledger';
import type { PaperTrade } from './types';

const columns = ['date', 'executed_at', 'symbol', 'side', 'quantity', 'market_price', 'fill_price', 'commission', 'value', 'source', 'note'] as const;

/**
 * Quotes a cell when it holds a comma, quote or line break (RFC 4180). Text starting like a formula
 * gets a leading apostrophe so a spreadsheet shows it instead of evaluating it.
 */
function cell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function journalToCsv(trades: readonly PaperTrade[]): string {
  const rows = [...trades].sort(compareTrades).map((t) =>
    [t.date, t.executedAt, t.symbol, t.side, t.quantity, t.marketPrice, t.price, t.commission, t.quantity * t.price, t.source, t.note]
      .map(cell)
      .join(','),
  );
  return [columns.join(','), ...rows].join('\n') + '\n';
}

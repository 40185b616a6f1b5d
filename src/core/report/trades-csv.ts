/** The trade list as CSV with a header row (CLI contract); open trades are marked exitReason=open. */
import { csvCell, csvNumber } from '../data/csv';
import type { Trade } from '../portfolio/types';

const columns: (keyof Trade)[] = [
  'symbol', 'direction', 'entryDate', 'exitDate', 'entryPrice', 'exitPrice', 'quantity', 'pnl', 'returnPct',
  'commission', 'borrowCost', 'durationDays', 'exitReason', 'entryNote', 'exitNote',
];

/** Numbers as numbers, text (notes, symbols) through the app's one CSV escaping rule (`csvCell`). */
const cell = (value: unknown): string => (typeof value === 'number' ? csvNumber(value) : csvCell(String(value ?? '')));

export function tradesToCsv(trades: readonly Trade[]): string {
  const lines = [columns.join(',')];
  for (const t of trades) lines.push(columns.map((c) => cell(t[c])).join(','));
  return lines.join('\n') + '\n';
}

/** The trade list as CSV with a header row (CLI contract); open trades are marked exitReason=open. */
import type { Trade } from '../portfolio/types';

const columns: (keyof Trade)[] = [
  'symbol', 'direction', 'entryDate', 'exitDate', 'entryPrice', 'exitPrice', 'quantity', 'pnl', 'returnPct',
  'commission', 'borrowCost', 'durationDays', 'exitReason', 'entryNote', 'exitNote',
];

function cell(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value ?? '');
  // Quote per RFC 4180; a leading = + - @ is prefixed so spreadsheets never run a note as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tradesToCsv(trades: readonly Trade[]): string {
  const lines = [columns.join(',')];
  for (const t of trades) lines.push(columns.map((c) => cell(t[c])).join(','));
  return lines.join('\n') + '\n';
}

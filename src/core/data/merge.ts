/**
 * Combining imported bars with a symbol's stored ones. Three choices for a symbol already stored:
 * - `replace`: for a date in both, the imported bar wins (new dates are added);
 * - `keep-existing`: for a date in both, the stored bar stays (only new dates are added);
 * - `replace-symbol`: every stored bar is dropped; the symbol holds exactly the imported bars.
 * The first two refuse bars of another frequency (daily bars into a monthly symbol): the result
 * would be neither daily nor monthly, and every window, VaR horizon and annualisation would be wrong.
 */
import { detectFrequency } from './quality';
import type { Bar, BarFrequency } from './types';

export type MergePolicy = 'replace' | 'keep-existing' | 'replace-symbol';

export interface MergeResult {
  /** Every bar after the merge, sorted by date, one per date. */
  merged: Bar[];
  /** Imported bars that must be written (new dates, plus overlapping dates under `replace`, all under `replace-symbol`). */
  toWrite: Bar[];
  added: number;
  replaced: number;
  kept: number;
  /** Stored bars deleted (`replace-symbol` only). */
  removed: number;
}

/** Merging would mix two frequencies in one symbol; nothing is written. */
export class MergeRefusedError extends Error {
  constructor(readonly symbol: string, message: string) {
    super(message);
    this.name = 'MergeRefusedError';
  }
}

const byDate = (a: Bar, b: Bar) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * Why `incoming` cannot be merged into `stored` (null when it can): both frequencies are known and
 * differ, or the imported bars are too few to tell and would change the stored series' frequency.
 */
export function frequencyConflict(symbol: string, stored: readonly Bar[], incoming: readonly Bar[], merged: readonly Bar[]): string | null {
  const storedFrequency = detectFrequency(stored.map((b) => b.date));
  if (storedFrequency === 'unknown') return null;
  const incomingFrequency = detectFrequency(incoming.map((b) => b.date));
  const mergedFrequency = detectFrequency(merged.map((b) => b.date));
  let other: BarFrequency | null = null;
  if (incomingFrequency !== 'unknown' && incomingFrequency !== storedFrequency) other = incomingFrequency;
  else if (incomingFrequency === 'unknown' && mergedFrequency !== storedFrequency) other = mergedFrequency;
  if (other === null) return null;
  const span = `${stored.length.toLocaleString('en-US')} bars, ${stored[0].date} to ${stored[stored.length - 1].date}`;
  const imported = other === 'unknown' ? 'would leave it with no regular frequency' : `are ${other}`;
  return `${symbol}: the stored bars are ${storedFrequency} (${span}) and the imported ones ${imported}; ` +
    'merging them would mix two frequencies in one series. Choose "Replace the whole symbol" to keep only the ' +
    'imported bars, or import them under another symbol. Nothing was written.';
}

/**
 * Merges imported bars into stored ones by date (both hold one bar per date). Throws
 * `MergeRefusedError` when the frequencies differ, unless the whole symbol is replaced.
 */
export function mergeBars(symbol: string, stored: readonly Bar[], incoming: readonly Bar[], policy: MergePolicy): MergeResult {
  if (policy === 'replace-symbol') {
    const merged = [...incoming].sort(byDate);
    return { merged, toWrite: merged, added: merged.length, replaced: 0, kept: 0, removed: stored.length };
  }
  const dates = new Map<string, Bar>();
  for (const bar of stored) dates.set(bar.date, bar);
  const toWrite: Bar[] = [];
  let added = 0;
  let replaced = 0;
  let kept = 0;
  for (const bar of incoming) {
    const old = dates.has(bar.date);
    if (old && policy === 'keep-existing') {
      kept++;
      continue;
    }
    if (old) replaced++;
    else added++;
    dates.set(bar.date, bar);
    toWrite.push(bar);
  }
  const merged = [...dates.values()].sort(byDate);
  const conflict = frequencyConflict(symbol, stored, incoming, merged);
  if (conflict !== null) throw new MergeRefusedError(symbol, conflict);
  return { merged, toWrite, added, replaced, kept, removed: 0 };
}

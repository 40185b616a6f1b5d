import type { Bar } from './types';

/**
 * What to do with a date that is both stored and in the new file:
 * `replace` keeps the imported bar, `keep-existing` keeps the stored one. Dates present on only one
 * side are always kept.
 */
export type MergePolicy = 'replace' | 'keep-existing';

export interface MergeResult {
  /** Every bar after the merge, sorted by date, one per date. */
  merged: Bar[];
  /** Imported bars that must be written (new dates, plus overlapping dates under `replace`). */
  toWrite: Bar[];
  added: number;
  replaced: number;
  kept: number;
}

/** Merges imported bars into stored ones by date. Both inputs must hold one bar per date. */
export function mergeBars(stored: readonly Bar[], incoming: readonly Bar[], policy: MergePolicy): MergeResult {
  const byDate = new Map<string, Bar>();
  for (const bar of stored) byDate.set(bar.date, bar);
  const toWrite: Bar[] = [];
  let added = 0;
  let replaced = 0;
  let kept = 0;
  for (const bar of incoming) {
    const old = byDate.has(bar.date);
    if (old && policy === 'keep-existing') {
      kept++;
      continue;
    }
    if (old) replaced++;
    else added++;
    byDate.set(bar.date, bar);
    toWrite.push(bar);
  }
  const merged = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { merged, toWrite, added, replaced, kept };
}

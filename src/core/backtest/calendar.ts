/**
 * The backtest's trading calendar: the union of every symbol's dates, so that symbols listed on
 * different days (or starting later) all get their bars, and the rebalance schedule on it.
 */
import type { Rebalance } from './config';

/** Sorted union of several ascending date lists, restricted to [from, to]. */
export function unionCalendar(dateLists: readonly (readonly string[])[], from?: string, to?: string): string[] {
  const all = new Set<string>();
  for (const dates of dateLists) for (const d of dates) if ((!from || d >= from) && (!to || d <= to)) all.add(d);
  return [...all].sort();
}

const DAY_MS = 86_400_000;

/** Monday-based week number: 1970-01-01 was a Thursday, so shift by 3 days. */
function weekId(date: string): number {
  return Math.floor((Date.parse(date) / DAY_MS + 3) / 7);
}

function periodId(date: string, rebalance: Rebalance): string | number {
  if (rebalance === 'weekly') return weekId(date);
  if (rebalance === 'monthly') return date.slice(0, 7);
  return date;
}

/**
 * Marks the decision dates: every date for daily; the last calendar date of each week / month
 * otherwise (decided at that close, filled at the next period's first open). Knowing where a
 * period ends uses only the calendar, never a price.
 */
export function rebalanceMask(calendar: readonly string[], rebalance: Rebalance): Uint8Array {
  const mask = new Uint8Array(calendar.length);
  for (let k = 0; k < calendar.length; k++) {
    const next = calendar[k + 1];
    mask[k] = rebalance === 'daily' || next === undefined || periodId(next, rebalance) !== periodId(calendar[k], rebalance) ? 1 : 0;
  }
  return mask;
}

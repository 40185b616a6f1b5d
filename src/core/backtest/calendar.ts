/**
 * The backtest's trading calendar: the union of every symbol's dates, so that symbols listed on
 * different days (or starting later) all get their bars, and the rebalance schedule on it.
 */
import type { Rebalance } from './config';

/** Sorted union of several ascending date lists, restricted to [from, to]. */
export function unionCalendar(dateLists: readonly (readonly string[])[], from?: string, to?: string): string[] {
  // Merging the already sorted lists one by one is linear per list; hashing every date of every
  // symbol into a Set and sorting cost ~50 ms in a 500-symbol backtest.
  let union: readonly string[] = [];
  for (const dates of dateLists) if (!sameDates(union, dates)) union = mergeSorted(union, dates);
  return union.filter((d) => (!from || d >= from) && (!to || d <= to));
}

/** Whether two lists hold the same dates (symbols of one market usually share their calendar). */
function sameDates(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The union of two ascending lists of distinct dates, ascending and without repeats. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j === b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i === a.length || b[j] < a[i]) out.push(b[j++]);
    else {
      out.push(a[i++]);
      j++;
    }
  }
  return out;
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

/** The dates a backtest's strategy decides on: the rebalance dates but the last date (nothing fills after it). */
export function decisionDates(calendar: readonly string[], rebalance: Rebalance): string[] {
  const mask = rebalanceMask(calendar, rebalance);
  return calendar.filter((_, k) => mask[k] && k < calendar.length - 1);
}

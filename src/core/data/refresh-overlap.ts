/**
 * Incremental refresh of a fetched symbol: ask the provider only from a few trading days before the last
 * stored bar, and check that those overlapping days still agree with what is stored. Providers re-adjust
 * a whole history after a split or dividend; when that happened, appending new bars would join two
 * differently scaled series, so the caller refetches the whole history instead.
 */
import { tradingDays } from './calendar';
import { dayNumber, isoFromDayNumber } from './dates';
import type { Bar } from './types';

/** Trading days of overlap asked again on every refresh (the last stored one included). */
export const OVERLAP_TRADING_DAYS = 5;

/**
 * Price difference still counted as the same price: half a cent or 0.05%, whichever is larger (providers
 * round to cents or to 4 decimals; a split moves prices by tens of percent, a dividend adjustment by its yield).
 */
function samePrice(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.005, 5e-4 * Math.abs(b));
}

/** The first date to ask for: `days` NYSE trading days ending at `lastDate` (inclusive). */
export function overlapStart(lastDate: string, days = OVERLAP_TRADING_DAYS): string {
  const window = tradingDays(isoFromDayNumber(dayNumber(lastDate) - 3 * days - 14), lastDate);
  if (window[window.length - 1] !== lastDate) window.push(lastDate); // a bar on an NYSE holiday (another exchange)
  return window[Math.max(0, window.length - days)];
}

export type OverlapCheck =
  | { agrees: true; compared: number }
  | { agrees: false; date: string; field: 'close' | 'adjClose'; stored: number; fetched: number };

/**
 * Compares the fetched bars with the stored ones on the dates both have, except the last stored date: that
 * bar may have been fetched before the session closed, so it is expected to change and is simply replaced.
 * Closes are compared, and adjusted closes when both sides have them (a dividend moves only those).
 */
export function checkOverlap(stored: readonly Bar[], fetched: readonly Bar[]): OverlapCheck {
  if (stored.length === 0) return { agrees: true, compared: 0 };
  const lastStored = stored[stored.length - 1].date;
  const storedByDate = new Map(stored.map((bar) => [bar.date, bar]));
  let compared = 0;
  for (const bar of fetched) {
    const old = storedByDate.get(bar.date);
    if (!old || bar.date >= lastStored) continue;
    compared++;
    if (!samePrice(bar.close, old.close)) return { agrees: false, date: bar.date, field: 'close', stored: old.close, fetched: bar.close };
    if (bar.adjClose !== undefined && old.adjClose !== undefined && !samePrice(bar.adjClose, old.adjClose)) {
      return { agrees: false, date: bar.date, field: 'adjClose', stored: old.adjClose, fetched: bar.adjClose };
    }
  }
  return { agrees: true, compared };
}

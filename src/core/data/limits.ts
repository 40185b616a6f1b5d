/**
 * Values no price bar can hold. A file with one of them is wrong somewhere (a shifted column, a
 * placeholder such as 0 or 9999-12-31, a unit error), so the row is refused, not imported as "bad".
 */
import { dayNumber, isoFromDayNumber } from './dates';

/** Earliest date accepted (daily exchange data before 1900 is not what this app is for). */
export const EARLIEST_DATE = '1900-01-01';

/**
 * Prices must be at most this: above ~1e15 a float64 can no longer hold a cent (2^53 ~ 9e15), so
 * such a value is a unit or parsing error, not a quote. Prices must also be above 0.
 */
export const MAX_PRICE = 1e15;

/**
 * The last date accepted: tomorrow in UTC. A bar dated by its exchange's local calendar can be one
 * day ahead of UTC (Auckland, Tokyo) but never two.
 */
export function latestDate(now: Date = new Date()): string {
  return isoFromDayNumber(Math.floor(now.getTime() / 86_400_000) + 1);
}

/** Why a date cannot be a bar's date, or null when it can. */
export function impossibleDate(date: string, latest: string): string | null {
  if (date < EARLIEST_DATE) return `date ${date} is before ${EARLIEST_DATE}`;
  if (dayNumber(date) > dayNumber(latest)) return `date ${date} is in the future (after ${latest})`;
  return null;
}

/** Why a number cannot be a price, or null when it can. */
export function impossiblePrice(value: number): string | null {
  if (value <= 0) return `price ${value} is not above 0`;
  if (value > MAX_PRICE) return `price ${value} is larger than ${MAX_PRICE} (not a real quote)`;
  return null;
}

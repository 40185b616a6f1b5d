/**
 * The NYSE trading calendar: weekdays minus exchange holidays, computed by rule so it works for any
 * year without a table to maintain. Rules follow NYSE Rule 7.2 as applied since 1998 (when MLK Day
 * was added); earlier years get the same rules, which is close but not exact.
 *
 * Weekend observance: a holiday on Sunday is observed Monday, on Saturday the Friday before, except
 * New Year's Day on a Saturday, which is not observed (the exchange stays open on Dec 31, e.g. 2021).
 */
import { dayNumber, isoFromDayNumber } from './dates';

/** Unscheduled closures (the rule-based holidays cannot know them). */
export const SPECIAL_CLOSURES: Readonly<Record<string, string>> = {
  '1994-04-27': 'National day of mourning for President Nixon',
  '2001-09-11': 'September 11 attacks',
  '2001-09-12': 'September 11 attacks',
  '2001-09-13': 'September 11 attacks',
  '2001-09-14': 'September 11 attacks',
  '2004-06-11': 'National day of mourning for President Reagan',
  '2007-01-02': 'National day of mourning for President Ford',
  '2012-10-29': 'Hurricane Sandy',
  '2012-10-30': 'Hurricane Sandy',
  '2018-12-05': 'National day of mourning for President George H. W. Bush',
  '2025-01-09': 'National day of mourning for President Carter',
};

/** Day of week of a day number (0 = Sunday), 1970-01-01 was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of a calendar date (month 1..12; day 0 is the last day of the previous month). */
function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** Day number of the n-th given weekday (0 = Sunday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, dow: number, n: number): number {
  if (n > 0) {
    const first = dayOf(year, month, 1);
    return first + ((dow - weekday(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = dayOf(year, month + 1, 0);
  return last - ((weekday(last) - dow + 7) % 7);
}

/** Easter Sunday (Gregorian), by the anonymous Meeus/Jones/Butcher computus. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoFromDayNumber(dayOf(year, month, day));
}

/** Fixed-date holiday moved off the weekend (Saturday -> Friday, Sunday -> Monday). */
function observed(year: number, month: number, day: number): number {
  const d = dayOf(year, month, day);
  const dow = weekday(d);
  return dow === 6 ? d - 1 : dow === 0 ? d + 1 : d;
}

/** The rule-based and special holidays of one year: ISO date -> name. */
export function nyseHolidays(year: number): Map<string, string> {
  const days: [number, string][] = [];
  if (weekday(dayOf(year, 1, 1)) !== 6) days.push([observed(year, 1, 1), "New Year's Day"]);
  if (year >= 1998) days.push([nthWeekday(year, 1, 1, 3), 'Martin Luther King Jr. Day']);
  days.push([nthWeekday(year, 2, 1, 3), "Washington's Birthday"]);
  days.push([dayNumber(easterSunday(year)) - 2, 'Good Friday']);
  days.push([nthWeekday(year, 5, 1, -1), 'Memorial Day']);
  if (year >= 2022) days.push([observed(year, 6, 19), 'Juneteenth']);
  days.push([observed(year, 7, 4), 'Independence Day']);
  days.push([nthWeekday(year, 9, 1, 1), 'Labor Day']);
  days.push([nthWeekday(year, 11, 4, 4), 'Thanksgiving Day']);
  days.push([observed(year, 12, 25), 'Christmas Day']);
  const holidays = new Map(days.map(([d, name]) => [isoFromDayNumber(d), name]));
  for (const [date, name] of Object.entries(SPECIAL_CLOSURES)) if (date.startsWith(`${year}-`)) holidays.set(date, name);
  return holidays;
}

const holidayCache = new Map<number, Map<string, string>>();

function holidaysOf(year: number): Map<string, string> {
  let h = holidayCache.get(year);
  if (!h) holidayCache.set(year, (h = nyseHolidays(year)));
  return h;
}

/** Name of the NYSE holiday on this date, if any. */
export function holidayName(iso: string): string | undefined {
  return holidaysOf(+iso.slice(0, 4)).get(iso);
}

export function isTradingDay(iso: string): boolean {
  const dow = weekday(dayNumber(iso));
  return dow !== 0 && dow !== 6 && holidayName(iso) === undefined;
}

/** Every NYSE trading day from `first` to `last` inclusive, ascending. */
export function tradingDays(first: string, last: string): string[] {
  return tradingDayNumbers(dayNumber(first), dayNumber(last)).map(isoFromDayNumber);
}

/** Trading days as day numbers (days since 1970-01-01): the allocation-free form for long scans. */
export function tradingDayNumbers(first: number, last: number): number[] {
  const closed = new Set<number>();
  const [fromYear, toYear] = [+isoFromDayNumber(first).slice(0, 4), +isoFromDayNumber(last).slice(0, 4)];
  for (let year = fromYear; year <= toYear; year++) for (const date of holidaysOf(year).keys()) closed.add(dayNumber(date));
  const out: number[] = [];
  for (let d = first; d <= last; d++) {
    const dow = weekday(d);
    if (dow !== 0 && dow !== 6 && !closed.has(d)) out.push(d);
  }
  return out;
}

/** The last NYSE trading day of the month of `iso` (any date in it), e.g. 2000-09-29 for 2000-09-01. */
export function lastTradingDayOfMonth(iso: string): string {
  const [year, month] = [+iso.slice(0, 4), +iso.slice(5, 7)];
  return tradingDayNumbers(dayOf(year, month, 1), dayOf(year, month + 1, 0)).map(isoFromDayNumber).at(-1)!;
}

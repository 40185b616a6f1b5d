/**
 * How far behind a symbol's data is, in NYSE trading days: the Data tab's "N trading days behind" and the
 * refresh-on-open rule use it. A session counts once its close (16:00 New York time) has passed, so on a
 * trading day before the close yesterday's bar is the newest one anyone can have.
 */
import { tradingDays } from './calendar';
import { dayNumber, isoFromDayNumber } from './dates';

/** New York's wall-clock date and minutes after midnight at `now` (DST handled by the Intl time-zone data). */
function newYorkClock(now: Date): { date: string; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const NYSE_CLOSE_MINUTES = 16 * 60;

/** The latest NYSE trading date whose session has closed at `now`. */
export function latestClosedSession(now: Date): string {
  const { date, minutes } = newYorkClock(now);
  const lastCandidate = minutes >= NYSE_CLOSE_MINUTES ? date : isoFromDayNumber(dayNumber(date) - 1);
  // Two weeks back always holds a trading day (the longest NYSE closure since 1900 was four days).
  const days = tradingDays(isoFromDayNumber(dayNumber(lastCandidate) - 14), lastCandidate);
  return days[days.length - 1];
}

/** Closed NYSE sessions after `lastDate` up to `now`: 0 when the data is current. */
export function tradingDaysBehind(lastDate: string, now: Date): number {
  const latest = latestClosedSession(now);
  if (lastDate >= latest) return 0;
  return tradingDays(isoFromDayNumber(dayNumber(lastDate) + 1), latest).length;
}

/** Beyond this many trading days behind, the Data tab highlights a symbol as stale. */
export const STALE_AFTER_TRADING_DAYS = 5;

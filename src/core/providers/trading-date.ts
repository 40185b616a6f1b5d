/**
 * Exchange trading dates from timestamps. A daily bar's timestamp marks a moment of the trading day (Yahoo: the
 * open; Polygon: local midnight); its date is the calendar date at the exchange, never in UTC or in the
 * browser's zone: a 10:00 Auckland bar is still the previous day in UTC.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for a zone name the runtime does not know; callers report it as a malformed reply.
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** Where the exchange is: an IANA zone name (preferred, knows daylight saving) or a fixed UTC offset in seconds. */
export type ExchangeZone = { timeZone: string } | { gmtOffsetSeconds: number };

/** `YYYY-MM-DD` at the exchange for a moment given in epoch seconds. */
export function tradingDate(epochSeconds: number, zone: string | ExchangeZone): string {
  const where = typeof zone === 'string' ? { timeZone: zone } : zone;
  if ('gmtOffsetSeconds' in where) return new Date((epochSeconds + where.gmtOffsetSeconds) * 1000).toISOString().slice(0, 10);
  const formatter = formatterFor(where.timeZone);
  // `format` ("01/03/2005") is some ten times faster than `formatToParts`; the parts are the fallback.
  const us = US_DATE.exec(formatter.format(epochSeconds * 1000));
  if (us) return `${us[3]}-${us[1]}-${us[2]}`;
  const parts = formatter.formatToParts(epochSeconds * 1000);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** True when the runtime knows the IANA zone name (e.g. `America/New_York`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

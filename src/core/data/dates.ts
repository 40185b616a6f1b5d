/**
 * Date cells of price files -> ISO calendar dates `YYYY-MM-DD`.
 *
 * A file uses one date format throughout, so the format is detected once per column from sample
 * values (`detectDateFormat`) and then applied to every row; this also settles MM/DD vs DD/MM for
 * the whole file instead of guessing row by row. Timestamps keep the calendar date as written
 * (exchange-local), epoch numbers are read as UTC.
 */
export type DateFormat = 'iso' | 'ymd-slash' | 'ymd-compact' | 'mdy' | 'dmy' | 'month-name' | 'epoch-s' | 'epoch-ms';

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** `YYYY-MM-DD` if the parts name a real calendar day (rejects 2023-02-29), else null. */
export function isoFromParts(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

const ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

/** Fast path for the common case, an exact `YYYY-MM-DD` cell: validated and returned as is. */
function exactIso(s: string): string | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const digit = (i: number) => s.charCodeAt(i) - 48;
  for (const i of ISO_DIGITS) if (digit(i) < 0 || digit(i) > 9) return null;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? s : null;
}

function fromEpochMs(ms: number): string | null {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const YMD_SLASH = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
// "Jan 1 2000", "Jan 1, 2000", "January 1 2000", "1 Jan 2000", "01-Jan-2000"
const MONTH_FIRST = /^([A-Za-z]{3,9})\.?[ -](\d{1,2}),?[ -](\d{4})$/;
const DAY_FIRST = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4})$/;
const EPOCH = /^\d{9,13}$/;

/** 1..12 for a month name or its abbreviation of 3+ letters ("Jan", "Sept", "January"); 0 otherwise. */
function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return MONTH_NAMES.findIndex((full) => full.startsWith(lower)) + 1;
}

/** Parses one cell in a known format; null when it does not fit. */
export function parseDateAs(text: string, format: DateFormat): string | null {
  const s = text.trim();
  let m: RegExpExecArray | null;
  switch (format) {
    case 'iso':
      if (s.length === 10) return exactIso(s);
      return (m = ISO.exec(s)) ? isoFromParts(+m[1], +m[2], +m[3]) : null;
    case 'ymd-slash':
      return (m = YMD_SLASH.exec(s)) ? isoFromParts(+m[1], +m[2], +m[3]) : null;
    case 'ymd-compact':
      return (m = YMD_COMPACT.exec(s)) ? isoFromParts(+m[1], +m[2], +m[3]) : null;
    case 'mdy':
      return (m = SLASHED.exec(s)) ? isoFromParts(+m[3], +m[1], +m[2]) : null;
    case 'dmy':
      return (m = SLASHED.exec(s)) ? isoFromParts(+m[3], +m[2], +m[1]) : null;
    case 'month-name':
      if ((m = MONTH_FIRST.exec(s))) return isoFromParts(+m[3], monthNumber(m[1]), +m[2]);
      return (m = DAY_FIRST.exec(s)) ? isoFromParts(+m[3], monthNumber(m[2]), +m[1]) : null;
    case 'epoch-s':
      return EPOCH.test(s) && s.length <= 10 ? fromEpochMs(Number(s) * 1000) : null;
    case 'epoch-ms':
      return EPOCH.test(s) && s.length >= 12 ? fromEpochMs(Number(s)) : null;
  }
}

const CANDIDATES: DateFormat[] = ['iso', 'ymd-slash', 'ymd-compact', 'mdy', 'dmy', 'month-name', 'epoch-s', 'epoch-ms'];

/**
 * The first format that reads every sample; `mdy` wins over `dmy` when both fit (US convention),
 * `dmy` is chosen only when some day-first value (e.g. 25/03/2020) rules MM/DD out.
 * Returns null when no format reads all samples (the caller then reports the bad rows).
 */
export function detectDateFormat(samples: readonly string[]): DateFormat | null {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '');
  if (values.length === 0) return null;
  return CANDIDATES.find((format) => values.every((v) => parseDateAs(v, format) !== null)) ?? null;
}

/** Best-effort format for a column whose samples do not all parse: the one reading the most of them. */
export function likelyDateFormat(samples: readonly string[]): DateFormat | null {
  let best: DateFormat | null = null;
  let bestCount = 0;
  for (const format of CANDIDATES) {
    const count = samples.filter((v) => parseDateAs(v, format) !== null).length;
    if (count > bestCount) [best, bestCount] = [format, count];
  }
  return best;
}

/** Human wording of a format for messages. */
export const DATE_FORMAT_LABEL: Record<DateFormat, string> = {
  iso: 'YYYY-MM-DD', 'ymd-slash': 'YYYY/MM/DD', 'ymd-compact': 'YYYYMMDD', mdy: 'MM/DD/YYYY', dmy: 'DD/MM/YYYY',
  'month-name': 'Mon D YYYY', 'epoch-s': 'epoch seconds', 'epoch-ms': 'epoch milliseconds',
};

/**
 * Days since 1970-01-01 of an ISO date. Integer civil-calendar arithmetic (H. Hinnant's
 * days_from_civil) instead of Date objects: calendars and gap scans call this for every day.
 */
export function dayNumber(iso: string): number {
  const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const d = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  const y = +iso.slice(0, 4) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `dayNumber` (civil_from_days). */
export function isoFromDayNumber(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Data-quality report of one symbol, like the gap table of a market database: missing trading
 * periods against the NYSE calendar, long gaps, zero-volume bars, suspicious jumps, duplicates.
 *
 * Gaps are judged at the file's own frequency (detected from the spacing of its dates): a monthly
 * series is complete when every month that had NYSE trading days has a bar, so monthly closes are
 * not reported as thousands of missing days.
 */
import { isTradingDay, tradingDayNumbers } from './calendar';
import { dayNumber, isoFromDayNumber } from './dates';
import type { Bar, BarFrequency, QualityLevel, QualitySummary } from './types';

/** |close-to-close return| above this is flagged as a suspicious jump (a split not adjusted, a bad tick...). */
export const JUMP_THRESHOLD = 0.3;
/** A run of at least this many missing periods is a long gap (a trading week of days, 3 weeks, 2 months). */
export const LONG_GAP: Record<BarFrequency, number> = { daily: 5, weekly: 3, monthly: 2, unknown: Infinity };
/** Above this share of missing periods (or of zero-volume bars) the badge turns red. */
export const BAD_SHARE = 0.05;

export interface GapRow {
  /** First and last trading day of the missing stretch. */
  from: string;
  to: string;
  /** Missing periods (days, weeks or months, per the series' frequency). */
  missing: number;
  long: boolean;
}

export interface JumpRow {
  date: string;
  /** Simple return from the previous bar's close. */
  change: number;
}

export interface QualityReport {
  summary: QualitySummary;
  /** Periods the calendar expects between the first and last bar. */
  expectedPeriods: number;
  gaps: GapRow[];
  zeroVolumeDates: string[];
  jumps: JumpRow[];
  /** Daily bars dated on a weekend or NYSE holiday (e.g. crypto data); not an error, worth knowing. */
  offCalendarDates: string[];
}

/** daily / weekly / monthly from the median spacing of consecutive dates. */
export function detectFrequency(dates: readonly string[]): BarFrequency {
  if (dates.length < 2) return 'unknown';
  const steps: number[] = [];
  for (let i = 1; i < dates.length; i++) steps.push(dayNumber(dates[i]) - dayNumber(dates[i - 1]));
  steps.sort((a, b) => a - b);
  // Lower median: a short daily series with one gap ([1, 7]) is still daily.
  const median = steps[(steps.length - 1) >> 1];
  if (median >= 1 && median <= 4) return 'daily';
  if (median >= 5 && median <= 10) return 'weekly';
  if (median >= 20 && median <= 40) return 'monthly';
  return 'unknown';
}

/** Monday (as a day number) of the week holding day `d`; 1970-01-01 was a Thursday. */
const mondayOf = (d: number) => d - ((((d + 3) % 7) + 7) % 7);

/** Key of the period (day, week or month) holding a day, as a number so long scans allocate nothing. */
function periodOfDay(d: number, frequency: BarFrequency): number {
  if (frequency === 'weekly') return mondayOf(d);
  if (frequency === 'monthly') return monthKey(isoFromDayNumber(d));
  return d;
}

const monthKey = (iso: string) => +iso.slice(0, 4) * 12 + +iso.slice(5, 7) - 1;

/**
 * Last day of a date's period: a monthly bar dated on the 1st (often a holiday) stands for its whole
 * month, so the expected range runs to the month's end.
 */
function periodEnd(date: string, frequency: BarFrequency): number {
  if (frequency === 'monthly') return Date.UTC(+date.slice(0, 4), +date.slice(5, 7), 0) / 86_400_000;
  if (frequency === 'weekly') return mondayOf(dayNumber(date)) + 6;
  return dayNumber(date);
}

function findGaps(bars: readonly Bar[], frequency: BarFrequency): { gaps: GapRow[]; expected: number } {
  if (frequency === 'unknown' || bars.length === 0) return { gaps: [], expected: bars.length };
  const present = new Set(bars.map((b) => (frequency === 'monthly' ? monthKey(b.date) : periodOfDay(dayNumber(b.date), frequency))));
  const gaps: GapRow[] = [];
  let expected = 0;
  let run: GapRow | undefined;
  // Walk the trading days period by period; a period is missing when no bar falls in it.
  let key = NaN;
  let first = 0;
  let last = 0;
  const endPeriod = () => {
    if (Number.isNaN(key)) return;
    expected++;
    if (present.has(key)) run = undefined;
    else if (run) {
      run.to = isoFromDayNumber(last);
      run.missing++;
    } else gaps.push((run = { from: isoFromDayNumber(first), to: isoFromDayNumber(last), missing: 1, long: false }));
  };
  for (const day of tradingDayNumbers(dayNumber(bars[0].date), periodEnd(bars[bars.length - 1].date, frequency))) {
    const k = periodOfDay(day, frequency);
    if (k !== key) {
      endPeriod();
      [key, first] = [k, day];
    }
    last = day;
  }
  endPeriod();
  for (const gap of gaps) gap.long = gap.missing >= LONG_GAP[frequency];
  return { gaps, expected };
}

/**
 * The full report of a symbol's bars (sorted, one per date). `duplicateDates` comes from the import,
 * since stored bars hold one per date by construction.
 */
export function assessQuality(bars: readonly Bar[], duplicateDates = 0): QualityReport {
  const frequency = detectFrequency(bars.map((b) => b.date));
  const { gaps, expected } = findGaps(bars, frequency);
  const zeroVolumeDates = bars.filter((b) => b.volume === 0).map((b) => b.date);
  const jumps: JumpRow[] = [];
  for (let i = 1; i < bars.length; i++) {
    const previous = bars[i - 1].close;
    const change = previous > 0 ? bars[i].close / previous - 1 : NaN;
    if (Math.abs(change) > JUMP_THRESHOLD) jumps.push({ date: bars[i].date, change });
  }
  const offCalendarDates = frequency === 'daily' ? bars.filter((b) => !isTradingDay(b.date)).map((b) => b.date) : [];
  const missingPeriods = gaps.reduce((sum, g) => sum + g.missing, 0);
  const summary: QualitySummary = {
    level: 'good',
    frequency,
    missingPeriods,
    longGaps: gaps.filter((g) => g.long).length,
    zeroVolumeBars: zeroVolumeDates.length,
    suspiciousJumps: jumps.length,
    duplicateDates,
  };
  summary.level = qualityLevel(summary, expected, bars.length);
  return { summary, expectedPeriods: expected, gaps, zeroVolumeDates, jumps, offCalendarDates };
}

/**
 * bad: more than 5% of expected periods missing, or more than 5% of bars with zero volume;
 * warn: any missing period, zero-volume bar, jump or duplicate; good: none.
 */
export function qualityLevel(s: QualitySummary, expectedPeriods: number, barCount: number): QualityLevel {
  if (s.missingPeriods > BAD_SHARE * expectedPeriods || s.zeroVolumeBars > BAD_SHARE * barCount) return 'bad';
  if (s.missingPeriods + s.zeroVolumeBars + s.suspiciousJumps + s.duplicateDates > 0) return 'warn';
  return 'good';
}

/** Just the summary, as kept with a symbol's metadata (signature fits `importBatch`'s `assess`). */
export function summariseQuality(bars: readonly Bar[]): QualitySummary {
  return assessQuality(bars).summary;
}

/**
 * Periods per year of a series, from the spacing of its dates: annualisation, rolling windows and VaR
 * horizons follow it, so monthly data is annualised with 12 (not 252) and windows are counted in months.
 */
import { detectFrequency } from '../data/quality';
import type { BarFrequency } from '../data/types';

export interface SeriesFrequency {
  frequency: BarFrequency;
  /** 252 daily, 52 weekly, 12 monthly; 252 when the spacing is irregular (treated as daily). */
  periodsPerYear: number;
  /** The period's name in the user's words: "day", "week", "month". */
  period: 'day' | 'week' | 'month';
}

const byFrequency: Record<BarFrequency, Omit<SeriesFrequency, 'frequency'>> = {
  daily: { periodsPerYear: 252, period: 'day' },
  weekly: { periodsPerYear: 52, period: 'week' },
  monthly: { periodsPerYear: 12, period: 'month' },
  unknown: { periodsPerYear: 252, period: 'day' },
};

export function seriesFrequency(dates: readonly string[]): SeriesFrequency {
  const frequency = detectFrequency(dates);
  return { frequency, ...byFrequency[frequency] };
}

export function periodsPerYear(dates: readonly string[]): number {
  return seriesFrequency(dates).periodsPerYear;
}

/**
 * The usual rolling windows in a frequency's own periods (about 1, 3, 6 and 12 months of data):
 * 21/63/126/252 days, 4/13/26/52 weeks, 1/3/6/12 months (a 1-month window of monthly data is no
 * window, so monthly starts at 3).
 */
export function rollingWindows(periodsPerYearValue: number): number[] {
  if (periodsPerYearValue === 12) return [3, 6, 12, 24];
  if (periodsPerYearValue === 52) return [4, 13, 26, 52];
  return [21, 63, 126, 252];
}

/** "63-day", "13-week", "12-month": a window named in the series' own periods. */
export function windowLabel(window: number, period: SeriesFrequency['period']): string {
  return `${window}-${period}`;
}

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

/** A window of `months` calendar months in a series' own periods: 3 months = 63 days, 13 weeks or 3 months (at least 2). */
export function windowInPeriods(periodsPerYearValue: number, months: number): number {
  return Math.max(2, Math.round((periodsPerYearValue * months) / 12));
}

/** "63-day", "13-week", "12-month": a window named in the series' own periods. */
export function windowLabel(window: number, period: SeriesFrequency['period']): string {
  return `${window}-${period}`;
}

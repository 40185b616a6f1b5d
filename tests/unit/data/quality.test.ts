import { describe, expect, it } from 'vitest';
import { tradingDays } from '../../../src/core/data/calendar';
import { assessQuality, detectFrequency } from '../../../src/core/data/quality';
import type { Bar } from '../../../src/core/data/types';

const bar = (date: string, close = 100, volume = 1000): Bar => ({ date, open: close, high: close, low: close, close, volume });

describe('detectFrequency', () => {
  it('reads the spacing of dates', () => {
    expect(detectFrequency(['2024-01-02', '2024-01-03', '2024-01-04'])).toBe('daily');
    expect(detectFrequency(['2024-01-05', '2024-01-12', '2024-01-19'])).toBe('weekly');
    expect(detectFrequency(['2000-01-01', '2000-02-01', '2000-03-01'])).toBe('monthly');
    expect(detectFrequency(['2000-01-01', '2001-01-01', '2002-01-01'])).toBe('unknown');
    expect(detectFrequency(['2000-01-01'])).toBe('unknown');
  });
});

describe('assessQuality', () => {
  it('finds missing trading days and long gaps against the NYSE calendar (hand-worked January 2024)', () => {
    // Trading days 2024-01-02..19 (MLK day 01-15 closed): 13. Remove 01-04, and 01-09..01-16 (5 trading days).
    const kept = tradingDays('2024-01-02', '2024-01-19').filter((d) => d !== '2024-01-04' && !(d >= '2024-01-09' && d <= '2024-01-16'));
    expect(kept).toEqual(['2024-01-02', '2024-01-03', '2024-01-05', '2024-01-08', '2024-01-17', '2024-01-18', '2024-01-19']);
    const r = assessQuality(kept.map((d) => bar(d)));
    expect(r.expectedPeriods).toBe(13);
    expect(r.gaps).toEqual([
      { from: '2024-01-04', to: '2024-01-04', missing: 1, long: false },
      { from: '2024-01-09', to: '2024-01-16', missing: 5, long: true },
    ]);
    expect(r.summary).toEqual({ level: 'bad', frequency: 'daily', missingPeriods: 6, longGaps: 1, zeroVolumeBars: 0, suspiciousJumps: 0, duplicateDates: 0 });
  });

  it('flags zero volume, jumps over 30% and weekend bars, but not unknown volume', () => {
    const bars = [bar('2024-01-02', 100), bar('2024-01-03', 140), bar('2024-01-04', 139, 0), bar('2024-01-05', 90, NaN), bar('2024-01-06', 91), bar('2024-01-08', 92)];
    const r = assessQuality(bars);
    expect(r.zeroVolumeDates).toEqual(['2024-01-04']);
    expect(r.jumps.map((j) => [j.date, +j.change.toFixed(6)])).toEqual([['2024-01-03', 0.4], ['2024-01-05', +(90 / 139 - 1).toFixed(6)]]);
    expect(r.offCalendarDates).toEqual(['2024-01-06']);
    // 1 zero-volume bar of 6 is over 5%: bad.
    expect(r.summary.level).toBe('bad');
    expect(assessQuality(bars.slice(0, 2)).summary).toMatchObject({ level: 'warn', suspiciousJumps: 1, zeroVolumeBars: 0 });
  });

  it('judges weekly and monthly series per week and per month', () => {
    const fridays = ['2024-01-05', '2024-01-12', '2024-01-26', '2024-02-02'];
    const weekly = assessQuality(fridays.map((d) => bar(d)));
    expect(weekly.summary).toMatchObject({ frequency: 'weekly', missingPeriods: 1, longGaps: 0, level: 'bad' });
    expect(weekly.gaps).toEqual([{ from: '2024-01-16', to: '2024-01-19', missing: 1, long: false }]);
    const months = Array.from({ length: 24 }, (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
    const monthly = assessQuality(months.map((d) => bar(d)));
    expect(monthly.summary).toEqual({ level: 'good', frequency: 'monthly', missingPeriods: 0, longGaps: 0, zeroVolumeBars: 0, suspiciousJumps: 0, duplicateDates: 0 });
    expect(monthly.expectedPeriods).toBe(24);
    const holed = assessQuality(months.filter((m) => m < '2000-03' || m >= '2000-05').map((d) => bar(d)));
    expect(holed.gaps).toEqual([{ from: '2000-03-01', to: '2000-04-28', missing: 2, long: true }]);
  });

  it('is good for a complete daily series and warns on duplicates from the import', () => {
    const bars = tradingDays('2024-01-02', '2024-03-28').map((d) => bar(d));
    expect(assessQuality(bars).summary.level).toBe('good');
    expect(assessQuality(bars, 2).summary).toMatchObject({ level: 'warn', duplicateDates: 2 });
  });
});

import { describe, expect, it } from 'vitest';
import { dayNumber, detectDateFormat, isoFromDayNumber, parseDateAs } from '../../../src/core/data/dates';

describe('date formats', () => {
  it.each([
    ['iso', '2024-03-05', '2024-03-05'],
    ['iso', '2024-03-05T16:00:00Z', '2024-03-05'],
    ['iso', '2024-03-05 09:30:00-05:00', '2024-03-05'],
    ['ymd-slash', '2024/03/05', '2024-03-05'],
    ['ymd-compact', '20240305', '2024-03-05'],
    ['mdy', '03/05/2024', '2024-03-05'],
    ['dmy', '05/03/2024', '2024-03-05'],
    ['month-name', 'Jan 1 2000', '2000-01-01'],
    ['month-name', 'January 31, 2000', '2000-01-31'],
    ['month-name', '1-Sep-2021', '2021-09-01'],
    // 1709596800 = 2024-03-05T00:00:00Z
    ['epoch-s', '1709596800', '2024-03-05'],
    ['epoch-ms', '1709596800000', '2024-03-05'],
  ] as const)('%s reads %s', (format, text, expected) => {
    expect(parseDateAs(text, format)).toBe(expected);
  });

  it('rejects days that do not exist', () => {
    expect(parseDateAs('2023-02-29', 'iso')).toBeNull();
    expect(parseDateAs('2024-02-29', 'iso')).toBe('2024-02-29');
    expect(parseDateAs('2024-13-01', 'iso')).toBeNull();
    expect(parseDateAs('Foo 1 2000', 'month-name')).toBeNull();
    expect(parseDateAs('02/30/2024', 'mdy')).toBeNull();
  });

  it('detects one format per column, preferring MM/DD unless a day-first value rules it out', () => {
    expect(detectDateFormat(['01/02/2024', '01/03/2024'])).toBe('mdy');
    expect(detectDateFormat(['01/02/2024', '25/02/2024'])).toBe('dmy');
    expect(detectDateFormat(['Jan 1 2000', 'Feb 1 2000'])).toBe('month-name');
    expect(detectDateFormat(['2024-01-02', 'garbage'])).toBeNull();
    expect(detectDateFormat(['20240102', '20240103'])).toBe('ymd-compact');
  });

  it('day numbers agree with Date.UTC over four centuries', () => {
    for (let day = -150_000; day < 150_000; day += 37) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(isoFromDayNumber(day)).toBe(iso);
      expect(dayNumber(iso)).toBe(day);
    }
  });
});

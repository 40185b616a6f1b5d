import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { easterSunday, holidayName, isTradingDay, lastTradingDayOfMonth, nyseHolidays, tradingDays } from '../../../src/core/data/calendar';

// Published NYSE holiday schedules (nyse.com "Holidays & Trading Hours").
const published: Record<number, string[]> = {
  2021: ['2021-01-01', '2021-01-18', '2021-02-15', '2021-04-02', '2021-05-31', '2021-07-05', '2021-09-06', '2021-11-25', '2021-12-24'],
  2022: ['2022-01-17', '2022-02-21', '2022-04-15', '2022-05-30', '2022-06-20', '2022-07-04', '2022-09-05', '2022-11-24', '2022-12-26'],
  2023: ['2023-01-02', '2023-01-16', '2023-02-20', '2023-04-07', '2023-05-29', '2023-06-19', '2023-07-04', '2023-09-04', '2023-11-23', '2023-12-25'],
  2024: ['2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-11-28', '2024-12-25'],
  2025: ['2025-01-01', '2025-01-09', '2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25'],
  2026: ['2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25'],
};

describe('NYSE calendar', () => {
  it.each(Object.entries(published))('matches the published %s schedule', (year, dates) => {
    expect([...nyseHolidays(Number(year)).keys()].sort()).toEqual(dates);
  });

  it('computes Easter by the Gregorian computus', () => {
    // Known Easter Sundays.
    expect(['2000', '2008', '2011', '2019', '2024', '2038'].map((y) => easterSunday(+y)))
      .toEqual(['2000-04-23', '2008-03-23', '2011-04-24', '2019-04-21', '2024-03-31', '2038-04-25']);
  });

  it('knows the special closures and weekend observance', () => {
    expect(holidayName('2001-09-13')).toBe('September 11 attacks');
    expect(holidayName('2012-10-30')).toBe('Hurricane Sandy');
    expect(isTradingDay('2018-12-05')).toBe(false);
    expect(isTradingDay('2021-12-31')).toBe(true); // New Year 2022 fell on a Saturday: not observed
    expect(isTradingDay('2020-07-03')).toBe(false); // July 4 2020 was a Saturday
    expect(isTradingDay('2024-01-06')).toBe(false); // Saturday
    expect(isTradingDay('2024-01-08')).toBe(true);
  });

  it('agrees with every date of 20 years of real S&P 500 daily data', () => {
    // vega-datasets sp500-2000.csv is the index's complete daily history 2000-01-03 .. 2020-04-17.
    const text = readFileSync('node_modules/vega-datasets/data/sp500-2000.csv', 'utf8');
    const dates = text.trim().split('\n').slice(1).map((line) => line.slice(0, 10));
    expect(tradingDays(dates[0], dates[dates.length - 1])).toEqual(dates);
  });

  it('finds the last trading day of a month past weekends, Good Friday and New Year', () => {
    expect(['2000-01-01', '2000-09-15', '2002-03-01', '2024-03-31', '2021-12-01', '2010-03-01', '2001-09-30'].map(lastTradingDayOfMonth)).toEqual([
      '2000-01-31', // Monday
      '2000-09-29', // Friday
      '2002-03-28', // Thursday: Good Friday the 29th, then a weekend
      '2024-03-28', // Thursday: Good Friday the 29th, then a weekend
      '2021-12-31', // Friday: New Year 2022 on a Saturday is not observed
      '2010-03-31', // Wednesday
      '2001-09-28', // Friday
    ]);
  });
});

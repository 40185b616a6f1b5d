// Exchange dates: the calendar date at the exchange (IANA zone via Intl), never UTC or the machine's zone.
// Epoch values computed independently with Python's zoneinfo (datetime(..., tzinfo=ZoneInfo(zone)).timestamp()).
import { describe, expect, it } from 'vitest';
import { tradingDate } from '../../../src/core/providers/trading-date';

describe('tradingDate', () => {
  it('keeps a 10:00 Auckland bar on its local date, the previous day in UTC', () => {
    // 2024-01-03 10:00 NZDT = 2024-01-02 21:00 UTC
    expect(tradingDate(1704229200, 'Pacific/Auckland')).toBe('2024-01-03');
    expect(new Date(1704229200 * 1000).toISOString().slice(0, 10)).toBe('2024-01-02');
    // With only the offset (Yahoo meta.gmtoffset, +13 h in summer) the date is the same.
    expect(tradingDate(1704229200, { gmtOffsetSeconds: 46800 })).toBe('2024-01-03');
  });

  it('dates US bars at the 09:30 open and the 16:00 close in New York', () => {
    expect(tradingDate(1704205800, 'America/New_York')).toBe('2024-01-02'); // 09:30 EST
    // 20:00 EDT is already the next day in UTC
    expect(tradingDate(1719878400, 'America/New_York')).toBe('2024-07-01');
  });

  it('handles daylight-saving change days', () => {
    // US DST began 2024-03-10: the Monday after, open 13:30 UTC, close 20:00 UTC, midnight 04:00 UTC
    expect(tradingDate(1710163800, 'America/New_York')).toBe('2024-03-11');
    expect(tradingDate(1710187200, 'America/New_York')).toBe('2024-03-11');
    expect(tradingDate(1710129600, 'America/New_York')).toBe('2024-03-11');
    // US DST ended 2024-11-03: open 14:30 UTC
    expect(tradingDate(1730730600, 'America/New_York')).toBe('2024-11-04');
    // NZ DST ended 2024-04-07: 10:00 NZST (UTC+12) is 22:00 UTC the day before
    expect(tradingDate(1712527200, 'Pacific/Auckland')).toBe('2024-04-08');
  });

  it('rejects a zone name the runtime does not know', () => {
    expect(() => tradingDate(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { checkOverlap, overlapStart } from '../../../src/core/data/refresh-overlap';
import { latestClosedSession, tradingDaysBehind } from '../../../src/core/data/staleness';
import type { Bar } from '../../../src/core/data/types';

const bar = (date: string, close: number, adjClose?: number): Bar => ({ date, open: close, high: close, low: close, close, volume: 1, ...(adjClose === undefined ? {} : { adjClose }) });

describe('overlapStart', () => {
  it('counts NYSE trading days back from the last stored date, skipping Christmas and the weekend', () => {
    // Trading days ending 2024-12-27: 27, 26, (25 Christmas), 24, 23, (21-22 weekend), 20.
    expect(overlapStart('2024-12-27', 5)).toBe('2024-12-20');
    expect(overlapStart('2024-12-27', 1)).toBe('2024-12-27');
  });

  it('keeps a last date that is an NYSE holiday (a bar from another exchange) inside the window', () => {
    // 2024-07-04 is an NYSE holiday; the window is 07-04, 07-03, 07-02.
    expect(overlapStart('2024-07-04', 3)).toBe('2024-07-02');
  });
});

describe('checkOverlap', () => {
  const stored = [bar('2024-12-20', 100, 99), bar('2024-12-23', 101, 100), bar('2024-12-24', 102, 101), bar('2024-12-26', 103, 102)];

  it('agrees when the overlapping closes match within rounding, ignoring the last stored (possibly partial) bar', () => {
    const fetched = [bar('2024-12-20', 100.004, 99), bar('2024-12-23', 101), bar('2024-12-24', 102, 101.04), bar('2024-12-26', 110), bar('2024-12-27', 104)];
    expect(checkOverlap(stored, fetched)).toEqual({ agrees: true, compared: 3 });
  });

  it('finds a split: every earlier close halved', () => {
    const fetched = [bar('2024-12-20', 50, 49.5), bar('2024-12-23', 50.5, 50)];
    expect(checkOverlap(stored, fetched)).toEqual({ agrees: false, date: '2024-12-20', field: 'close', stored: 100, fetched: 50 });
  });

  it('finds a dividend re-adjustment that moved only the adjusted closes (1% here, tolerance 0.05%)', () => {
    const fetched = [bar('2024-12-20', 100, 98.01), bar('2024-12-23', 101, 99)];
    expect(checkOverlap(stored, fetched)).toEqual({ agrees: false, date: '2024-12-20', field: 'adjClose', stored: 99, fetched: 98.01 });
  });

  it('has nothing to compare when the dates do not meet', () => {
    expect(checkOverlap(stored, [bar('2024-12-27', 1)])).toEqual({ agrees: true, compared: 0 });
    expect(checkOverlap([], [bar('2024-12-27', 1)])).toEqual({ agrees: true, compared: 0 });
  });
});

describe('tradingDaysBehind', () => {
  it('counts closed NYSE sessions after the last date (Christmas 2024 skipped)', () => {
    // 17:00 New York on Friday 2024-12-27: sessions 23, 24, 26, 27 are closed.
    expect(tradingDaysBehind('2024-12-20', new Date('2024-12-27T22:00:00Z'))).toBe(4);
    // 10:00 New York the same day: the 27th is still trading.
    expect(tradingDaysBehind('2024-12-20', new Date('2024-12-27T15:00:00Z'))).toBe(3);
    expect(tradingDaysBehind('2024-12-27', new Date('2024-12-28T12:00:00Z'))).toBe(0);
  });

  it('uses New York daylight saving time: 20:30 UTC on 2024-03-11 is 16:30 EDT, after the close', () => {
    expect(latestClosedSession(new Date('2024-03-11T20:30:00Z'))).toBe('2024-03-11');
    // and 20:30 UTC on 2024-03-08 is 15:30 EST, before it: Thursday's session is the latest closed one.
    expect(latestClosedSession(new Date('2024-03-08T20:30:00Z'))).toBe('2024-03-07');
  });

  it('on a weekend the latest session is Friday', () => {
    expect(latestClosedSession(new Date('2024-12-29T12:00:00Z'))).toBe('2024-12-27');
  });
});

// How the Forecasts tab draws a published forecast (src/ui/forecast/published.ts): history up to the as-of date,
// the site's close when the stored copy differs, bars newer than the forecast, the revision shown.
import { describe, expect, it } from 'vitest';
import { barsToSeries, type Bar } from '../../../src/core/data/types';
import { summarizeForecast } from '../../../src/core/forecast/summary';
import type { PublishedForecastRecord } from '../../../src/store/published-forecasts';
import { barsSince, otherStoredClose, publishedResult, shortRevision } from '../../../src/ui/forecast/published';

const bars = (closes: number[], first = 1): Bar[] => closes.map((close, i) => ({ date: `2024-07-${String(first + i).padStart(2, '0')}`, open: close, high: close, low: close, close, volume: 1 }));
const levels = [0.1, 0.5, 0.9];
// 2024-07-05 (Friday) is the as-of date; the horizon's 3 steps are the next NYSE days (Mon 8, Tue 9, Wed 10).
const record: PublishedForecastRecord = {
  id: 'published:SPY', source: 'published', symbol: 'SPY', lastDate: '2024-07-05', lastClose: 104,
  model: { identity: 'amazon/chronos-bolt-small@772f3d25d38aec6d914c8949dab4462e2d46f5d8', id: 'amazon/chronos-bolt-small', label: 'Chronos-Bolt Small', kind: 'chronos-bolt', levels },
  forecast: summarizeForecast({ levels, quantiles: Float64Array.of(100, 101, 102, 104, 105, 106, 108, 109, 110), horizon: 3, lastPrice: 104 }),
};

describe('published forecast view', () => {
  it('draws from the stored closes up to the as-of date, with the next trading days ahead', () => {
    const series = barsToSeries('SPY', bars([100, 101, 102, 103, 104, 105, 106]));
    const result = publishedResult(record, series);
    expect(result.historyDates).toEqual(['2024-07-01', '2024-07-02', '2024-07-03', '2024-07-04', '2024-07-05']);
    expect(Array.from(result.history)).toEqual([100, 101, 102, 103, 104]);
    expect(result.futureDates).toEqual(['2024-07-08', '2024-07-09', '2024-07-10']);
    expect(result.forecast.expectedReturn).toBeCloseTo(106 / 104 - 1, 12);
    expect(barsSince(series, record.lastDate)).toEqual({ count: 2, last: '2024-07-07' });
    expect(otherStoredClose(record, series)).toBeUndefined();
  });

  it("uses the site's close alone when the symbol is not stored, or stored from another source", () => {
    for (const series of [undefined, barsToSeries('SPY', bars([100, 101, 102, 103, 99]))]) {
      const result = publishedResult(record, series);
      expect([result.historyDates, Array.from(result.history)]).toEqual([['2024-07-05'], [104]]);
    }
    expect(otherStoredClose(record, barsToSeries('SPY', bars([100, 101, 102, 103, 99])))).toBe(99);
    expect(barsSince(undefined, record.lastDate)).toEqual({ count: 0, last: undefined });
  });

  it('shows a catalog revision or a weights hash cut to 12 characters', () => {
    expect(shortRevision(record.model.identity)).toBe('772f3d25d38a…');
    expect(shortRevision('chronos-bolt@sha256:0123456789abcdef0123')).toBe('sha256:0123456789ab…');
    expect(shortRevision('baseline:drift@builtin')).toBe('builtin');
  });
});

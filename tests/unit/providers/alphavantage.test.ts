// Alpha Vantage TIME_SERIES_DAILY: https://www.alphavantage.co/documentation/#daily. Error bodies come with
// status 200: "Error Message" (invalid call / unknown symbol), "Information" (bad key, premium, daily limit),
// "Note" (older per-minute limit, quoted in finance-quote PR #104).
import { describe, expect, it } from 'vitest';
import { alphavantage, outputSize } from '../../../src/core/providers/alphavantage';
import { expectKind, fixture, reply } from './support';

const query = { symbol: 'IBM', apiKey: 'k' };

describe('alphavantage adapter', () => {
  it('asks TIME_SERIES_DAILY, compact for a recent range and full otherwise', () => {
    const url = new URL(alphavantage.request({ symbol: 'IBM', apiKey: 'abc' }).url);
    expect(url.origin + url.pathname).toBe('https://www.alphavantage.co/query');
    expect(Object.fromEntries(url.searchParams)).toEqual({ function: 'TIME_SERIES_DAILY', symbol: 'IBM', outputsize: 'full', apikey: 'abc' });
    expect(outputSize({ symbol: 'IBM', from: '2024-05-01' }, '2024-06-01')).toBe('compact');
    expect(outputSize({ symbol: 'IBM', from: '2023-06-01' }, '2024-06-01')).toBe('full');
  });

  it('reads the string fields keyed by date (newest first in the reply)', async () => {
    const page = await alphavantage.parse(reply(200, fixture('alphavantage/ibm.json')), query);
    expect(page.bars).toEqual([
      { date: '2024-01-03', open: 161, high: 161.73, low: 160.08, close: 160.1, volume: 4086144 },
      { date: '2024-01-02', open: 162.83, high: 163.29, low: 160.5, close: 162.58, volume: 3751782 },
    ]);
    expect(page.timezone).toBe('US/Eastern');
  });

  it('maps every documented 200-status error body', async () => {
    await expectKind(() => alphavantage.parse(reply(200, fixture('alphavantage/invalid-call.json')), query), 'unknown-symbol', /Invalid API call/);
    await expectKind(() => alphavantage.parse(reply(200, fixture('alphavantage/bad-key.json')), query), 'bad-key');
    await expectKind(() => alphavantage.parse(reply(200, fixture('alphavantage/premium.json')), query), 'premium', /last 100 trading days/);
    const daily = await expectKind(() => alphavantage.parse(reply(200, fixture('alphavantage/daily-limit.json')), query), 'rate-limited', /25 requests per day/);
    expect(daily.retryAfterMs).toBe(24 * 3600_000);
    const minute = await expectKind(() => alphavantage.parse(reply(200, fixture('alphavantage/minute-note.json')), query), 'rate-limited');
    expect(minute.retryAfterMs).toBe(24 * 3600_000); // the note names both limits; the daily one decides
  });
});

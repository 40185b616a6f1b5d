// Twelve Data time_series: https://twelvedata.com/docs#time-series; error bodies {code, message, status: "error"}
// (quoted in twelvedata-python #58, #94), which Twelve Data often sends with HTTP status 200.
import { describe, expect, it } from 'vitest';
import { twelvedata } from '../../../src/core/providers/twelvedata';
import { fetchBars, type ProviderPage } from '../../../src/core/providers';
import { expectKind, fixture, reply } from './support';

const query = { symbol: 'AAPL', apiKey: 'k' };

describe('twelvedata adapter', () => {
  it('asks time_series for daily values, 5000 at most', () => {
    const url = new URL(twelvedata.request({ symbol: 'AAPL', from: '2024-01-02', to: '2024-01-03', apiKey: 'abc' }).url);
    expect(url.origin + url.pathname).toBe('https://api.twelvedata.com/time_series');
    expect(Object.fromEntries(url.searchParams)).toEqual({ symbol: 'AAPL', interval: '1day', start_date: '2024-01-02', end_date: '2024-01-03', outputsize: '5000', apikey: 'abc' });
  });

  it('reads string values and the exchange zone', async () => {
    const page = await twelvedata.parse(reply(200, fixture('twelvedata/aapl.json')), query);
    expect(page.bars).toEqual([
      { date: '2024-01-03', open: 184.22, high: 185.88, low: 183.42999, close: 184.25, volume: 58414500 },
      { date: '2024-01-02', open: 187.14999, high: 188.44, low: 183.88499, close: 185.64, volume: 82488700 },
    ]);
    expect(page.timezone).toBe('America/New_York');
    expect(page.next).toBeUndefined();
  });

  it('asks for the older part when a page is full (end_date = the day before its oldest value)', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => ({ datetime: new Date(Date.UTC(2024, 0, 2) - i * 86_400_000).toISOString().slice(0, 10), open: "1", high: "1", low: "1", close: "1", volume: "1" }));
    const page = twelvedata.parse(reply(200, JSON.stringify({ meta: {}, values, status: 'ok' })), query) as ProviderPage;
    expect(values.at(-1)!.datetime).toBe('2010-04-26');
    expect(new URL(page.next!.url).searchParams.get('end_date')).toBe('2010-04-25');
    // Driven by fetchBars: the full page, then the older page that has nothing (Twelve Data's "no data" body).
    const replies = [reply(200, JSON.stringify({ meta: {}, values, status: 'ok' })), reply(200, fixture('twelvedata/no-data.json'))];
    const asked: string[] = [];
    const series = await fetchBars(twelvedata, query, async (request) => (asked.push(request.url), replies.shift()!));
    expect(series.bars).toHaveLength(5000);
    expect([series.bars[0].date, series.bars.at(-1)!.date]).toEqual(['2010-04-26', '2024-01-02']);
    expect(new URL(asked[1]).searchParams.get('end_date')).toBe('2010-04-25');
    const bounded = twelvedata.parse(reply(200, JSON.stringify({ meta: {}, values, status: 'ok' })), { ...query, from: '2010-04-26' }) as ProviderPage;
    expect(bounded.next).toBeUndefined();
  });

  it('maps error bodies sent with status 200', async () => {
    await expectKind(() => twelvedata.parse(reply(200, fixture('twelvedata/symbol-not-found.json')), query), 'unknown-symbol', /not found: NOSUCH/);
    await expectKind(() => twelvedata.parse(reply(200, fixture('twelvedata/invalid-key.json')), query), 'bad-key');
    await expectKind(() => twelvedata.parse(reply(200, fixture('twelvedata/pro-only.json')), query), 'premium');
    const limited = await expectKind(() => twelvedata.parse(reply(200, fixture('twelvedata/credits.json')), query), 'rate-limited', /API credits/);
    expect(limited.retryAfterMs).toBe(60_000);
    // An empty page, so that an older page past the first bar ends paging instead of failing (fetchBars says no-data when nothing at all came).
    expect((await twelvedata.parse(reply(200, fixture('twelvedata/no-data.json')), query)).bars).toEqual([]);
  });
});

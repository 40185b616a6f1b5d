// Polygon aggregates: https://polygon.io/docs/rest/stocks/aggregates/custom-bars (results[{t,o,h,l,c,v}], t in
// ms UTC, next_url paging); error bodies {status: "ERROR", error} and {status: "NOT_AUTHORIZED", message}.
import { describe, expect, it } from 'vitest';
import { polygon } from '../../../src/core/providers/polygon';
import { expectKind, fixture, reply } from './support';

const query = { symbol: 'AAPL', apiKey: 'sekret' };

describe('polygon adapter', () => {
  it('asks the daily range endpoint, adjusted, ascending, 50000 per page', () => {
    const url = new URL(polygon.request({ symbol: 'AAPL', from: '2024-01-02', to: '2024-01-03', apiKey: 'abc' }).url);
    expect(url.origin + url.pathname).toBe('https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/day/2024-01-02/2024-01-03');
    expect(Object.fromEntries(url.searchParams)).toEqual({ adjusted: 'true', sort: 'asc', limit: '50000', apiKey: 'abc' });
  });

  it('dates t (ms UTC, midnight New York) in America/New_York and follows next_url with the key', () => {
    const page = polygon.parse(reply(200, fixture('polygon/aapl-page1.json')), query) as Awaited<ReturnType<typeof polygon.parse>>;
    expect(page.bars).toEqual([{ date: '2024-01-02', open: 187.15, high: 188.44, low: 183.885, close: 185.64, volume: 82488674 }]);
    expect(page.next?.url).toBe('https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/day/1704258000000/2024-01-03?cursor=bGltaXQ9MSZzb3J0PWFzYw&apiKey=sekret');
    const mirrored = polygon.parse(reply(200, fixture('polygon/aapl-page1.json')), { ...query, baseUrl: 'http://127.0.0.1:8' }) as Awaited<ReturnType<typeof polygon.parse>>;
    expect(mirrored.next?.url).toMatch(/^http:\/\/127\.0\.0\.1:8\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\/1704258000000\//);
    const last = polygon.parse(reply(200, fixture('polygon/aapl-page2.json')), query) as Awaited<ReturnType<typeof polygon.parse>>;
    expect(last.next).toBeUndefined();
    expect(last.bars[0].date).toBe('2024-01-03');
  });

  it('maps its error bodies; an unknown ticker is OK with no results', async () => {
    await expectKind(() => polygon.parse(reply(401, fixture('polygon/unknown-key.json')), query), 'bad-key', /Unknown API Key/);
    await expectKind(() => polygon.parse(reply(403, fixture('polygon/not-authorized.json')), query), 'premium', /not entitled/);
    await expectKind(() => polygon.parse(reply(429, fixture('polygon/too-many.json'), { 'retry-after': '12' }), query), 'rate-limited', /maximum requests per minute/);
    const empty = await polygon.parse(reply(200, fixture('polygon/no-results.json')), { symbol: 'NOSUCH' });
    expect(empty.bars).toEqual([]);
  });
});

// Yahoo Finance v8 chart. No public documentation: the shape is the one the maintained clients read
// (yfinance scrapers/history.py, yahoo-finance2), see yahoo.docsUrl; error bodies as quoted in yfinance
// issues #1548 / PR #2903 ("Not Found", "No data found, symbol may be delisted").
import { describe, expect, it } from 'vitest';
import { yahoo } from '../../../src/core/providers/yahoo';
import { expectKind, fixture, reply } from './support';

const query = { symbol: 'AAPL' };

describe('yahoo adapter', () => {
  it('asks the chart endpoint for daily bars with dividends and splits, one day of margin around the range', () => {
    const url = new URL(yahoo.request({ symbol: '^GSPC', from: '2024-01-02', to: '2024-01-05' }).url);
    expect(url.origin + url.pathname).toBe('https://query1.finance.yahoo.com/v8/finance/chart/%5EGSPC');
    expect(Object.fromEntries(url.searchParams)).toEqual({ period1: String(1704153600 - 86400), period2: String(1704412800 + 2 * 86400), interval: '1d', events: 'div,split' });
    expect(yahoo.request({ symbol: 'AAPL', baseUrl: 'http://127.0.0.1:9/' }).url).toMatch(/^http:\/\/127\.0\.0\.1:9\/v8\/finance\/chart\/AAPL\?period1=-2208988800&/);
  });

  it('reads quote and adjclose, skips the row of nulls, dates in the exchange zone, events', async () => {
    const page = await yahoo.parse(reply(200, fixture('yahoo/aapl.json')), query);
    expect(page.bars).toEqual([
      { date: '2024-01-02', open: 187.15, high: 188.44, low: 183.885, close: 185.64, volume: 82488700, adjClose: 184.9 },
      { date: '2024-01-03', open: 184.22, high: 185.88, low: 183.43, close: 184.25, volume: 58414500, adjClose: 183.5 },
      { date: '2024-01-04', open: 182.15, high: 183.0872, low: 180.88, close: 181.91, volume: 71983600, adjClose: 181.2 },
    ]);
    expect(page.timezone).toBe('America/New_York');
    expect(page.name).toBe('Apple Inc.');
    expect(page.actions).toEqual([
      { date: '2024-01-03', kind: 'dividend', amount: 0.24 },
      { date: '2024-01-04', kind: 'split', ratio: 4 },
    ]);
  });

  it('dates Auckland bars by Pacific/Auckland, or by gmtoffset when the zone name is missing', async () => {
    const nz = await yahoo.parse(reply(200, fixture('yahoo/air-nz.json')), { symbol: 'AIR.NZ' });
    expect(nz.bars.map((b) => b.date)).toEqual(['2024-01-03', '2024-01-04']);
    const offset = await yahoo.parse(reply(200, fixture('yahoo/air-nz-offset-only.json')), { symbol: 'AIR.NZ' });
    expect(offset.bars.map((b) => b.date)).toEqual(['2024-01-03']);
  });

  it('maps chart.error bodies and plain-text 429s', async () => {
    await expectKind(() => yahoo.parse(reply(404, fixture('yahoo/not-found.json')), query), 'unknown-symbol', /symbol may be delisted/);
    await expectKind(() => yahoo.parse(reply(400, fixture('yahoo/bad-request.json')), query), 'http', /Invalid input/);
    const limited = await expectKind(() => yahoo.parse(reply(429, fixture('yahoo/too-many-requests.txt'), { 'retry-after': '7' }), query), 'rate-limited');
    expect(limited.retryAfterMs).toBe(7000);
    await expectKind(() => yahoo.parse(reply(200, '<html>consent</html>'), query), 'malformed', /not JSON/);
    await expectKind(() => yahoo.parse(reply(200, '{"chart":null}'), query), 'unknown-symbol');
  });
});

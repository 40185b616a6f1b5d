// Finnhub stock candles: https://finnhub.io/docs/api/stock-candles ({s, t, o, h, l, c, v}; {s: "no_data"});
// the premium reply quoted in Finnhub-API #532 / #546.
import { describe, expect, it } from 'vitest';
import { finnhub } from '../../../src/core/providers/finnhub';
import { expectKind, fixture, reply } from './support';

const query = { symbol: 'AAPL', apiKey: 'k' };

describe('finnhub adapter', () => {
  it('puts the token in the query string (no preflight) with epoch-second bounds', () => {
    const url = new URL(finnhub.request({ symbol: 'AAPL', from: '2024-01-02', to: '2024-01-03', apiKey: 'abc' }).url);
    expect(url.origin + url.pathname).toBe('https://finnhub.io/api/v1/stock/candle');
    expect(Object.fromEntries(url.searchParams)).toEqual({ symbol: 'AAPL', resolution: 'D', from: String(1704153600 - 86400), to: String(1704240000 + 2 * 86400), token: 'abc' });
    expect(finnhub.request(query).headers).toBeUndefined();
  });

  it('reads candles dated in New York', async () => {
    const page = await finnhub.parse(reply(200, fixture('finnhub/aapl.json')), query);
    expect(page.bars).toEqual([
      { date: '2024-01-02', open: 187.15, high: 188.44, low: 183.885, close: 185.64, volume: 82488674 },
      { date: '2024-01-03', open: 184.22, high: 185.88, low: 183.43, close: 184.25, volume: 58414460 },
    ]);
    expect((await finnhub.parse(reply(200, fixture('finnhub/no-data.json')), query)).bars).toEqual([]);
  });

  it('maps premium, bad key and limit replies', async () => {
    await expectKind(() => finnhub.parse(reply(403, fixture('finnhub/no-access.json')), query), 'premium', /paid Finnhub plan/);
    await expectKind(() => finnhub.parse(reply(401, fixture('finnhub/invalid-key.json')), query), 'bad-key');
    await expectKind(() => finnhub.parse(reply(429, fixture('finnhub/limit.json')), query), 'rate-limited');
  });
});

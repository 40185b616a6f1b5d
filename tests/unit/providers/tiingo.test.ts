// Tiingo end-of-day prices: https://www.tiingo.com/documentation/end-of-day (request, reply fields adjClose,
// divCash, splitFactor; errors are {"detail": ...} bodies).
import { describe, expect, it } from 'vitest';
import { tiingo } from '../../../src/core/providers/tiingo';
import { expectKind, fixture, reply } from './support';

const query = { symbol: 'AAPL', apiKey: 'k' };

describe('tiingo adapter', () => {
  it('asks /tiingo/daily/<t>/prices with startDate (1900 for all history), endDate and the token', () => {
    const url = new URL(tiingo.request({ symbol: 'BRK-B', from: '2024-01-02', to: '2024-01-31', apiKey: 'abc' }).url);
    expect(url.origin + url.pathname).toBe('https://api.tiingo.com/tiingo/daily/brk-b/prices');
    expect(Object.fromEntries(url.searchParams)).toEqual({ startDate: '2024-01-02', endDate: '2024-01-31', token: 'abc' });
    expect(new URL(tiingo.request({ symbol: 'AAPL', apiKey: 'abc' }).url).searchParams.get('startDate')).toBe('1900-01-01');
  });

  it('reads raw prices, keeps adjClose, turns divCash into a dividend', async () => {
    const page = await tiingo.parse(reply(200, fixture('tiingo/aapl.json')), query);
    expect(page.bars).toEqual([
      { date: '2024-01-02', open: 187.15, high: 188.44, low: 183.885, close: 185.64, volume: 82488674, adjClose: 184.9 },
      { date: '2024-01-03', open: 184.22, high: 185.88, low: 183.43, close: 184.25, volume: 58414460, adjClose: 183.5 },
    ]);
    expect(page.actions).toEqual([{ date: '2024-01-03', kind: 'dividend', amount: 0.24 }]);
    expect(tiingo.adjustment).toBe('none');
  });

  it('maps its detail bodies', async () => {
    await expectKind(() => tiingo.parse(reply(404, fixture('tiingo/not-found.json')), query), 'unknown-symbol', /not found/);
    await expectKind(() => tiingo.parse(reply(401, fixture('tiingo/bad-token.json')), query), 'bad-key');
    const limited = await expectKind(() => tiingo.parse(reply(429, fixture('tiingo/rate-limit.json')), query), 'rate-limited', /hourly/);
    expect(limited.retryAfterMs).toBe(3600_000);
    await expectKind(() => tiingo.parse(reply(401, fixture('tiingo/no-token.json')), query), 'bad-key', /no token was sent/);
    const throttled = await expectKind(() => tiingo.parse(reply(429, fixture('tiingo/throttled.json')), query), 'rate-limited');
    expect(throttled.retryAfterMs).toBe(42_000);
    await expectKind(() => tiingo.parse(reply(500, 'upstream error'), query), 'http', /HTTP 500/);
  });
});

// Financial Modeling Prep: https://site.financialmodelingprep.com/developer/docs/stable/historical-price-eod-full
// (stable list shape) and the v3 {symbol, historical} shape from FIELD-NOTES; "Error Message" bodies, including
// the "Legacy Endpoint" reply quoted in tradermonty/claude-trading-skills #58.
import { describe, expect, it } from 'vitest';
import { fmp } from '../../../src/core/providers/fmp';
import { expectKind, fixture, reply } from './support';

const query = { symbol: 'AAPL', apiKey: 'k' };
const expected = [
  { date: '2024-01-03', open: 184.22, high: 185.88, low: 183.43, close: 184.25, volume: 58414460 },
  { date: '2024-01-02', open: 187.15, high: 188.44, low: 183.885, close: 185.64, volume: 82488674 },
];

describe('fmp adapter', () => {
  it('asks the stable end-of-day endpoint with from, to and apikey', () => {
    const url = new URL(fmp.request({ symbol: 'AAPL', from: '2024-01-02', to: '2024-01-03', apiKey: 'abc' }).url);
    expect(url.origin + url.pathname).toBe('https://financialmodelingprep.com/stable/historical-price-eod/full');
    expect(Object.fromEntries(url.searchParams)).toEqual({ symbol: 'AAPL', from: '2024-01-02', to: '2024-01-03', apikey: 'abc' });
  });

  it('reads the stable list and the v3 historical shape (keeping its adjClose)', async () => {
    expect((await fmp.parse(reply(200, fixture('fmp/aapl-stable.json')), query)).bars).toEqual(expected);
    const v3 = await fmp.parse(reply(200, fixture('fmp/aapl-v3.json')), query);
    expect(v3.bars).toEqual([{ ...expected[0], adjClose: 183.5 }, { ...expected[1], adjClose: 184.9 }]);
    expect((await fmp.parse(reply(200, '[]'), query)).bars).toEqual([]);
  });

  it('maps its Error Message bodies', async () => {
    await expectKind(() => fmp.parse(reply(401, fixture('fmp/invalid-key.json')), query), 'bad-key');
    await expectKind(() => fmp.parse(reply(429, fixture('fmp/limit-reach.json')), query), 'rate-limited', /Limit Reach/);
    await expectKind(() => fmp.parse(reply(402, fixture('fmp/premium.json')), query), 'premium');
    await expectKind(() => fmp.parse(reply(403, fixture('fmp/legacy.json')), query), 'premium', /Legacy Endpoint/);
  });
});

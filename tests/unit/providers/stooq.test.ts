// Stooq CSV (q/d/l/?s=aapl.us&i=d): key required since March 2026 (pandas-datareader #1012), proof-of-work page
// for scripts since mid-2026 (Vibe-Trading #1342). The CSV is read by the importer.
import { describe, expect, it } from 'vitest';
import { stooq, stooqSymbol } from '../../../src/core/providers/stooq';
import { expectKind, fixture, reply } from './support';

const query = { symbol: 'AAPL', apiKey: 'k' };

describe('stooq adapter', () => {
  it('asks q/d/l with a lower-case symbol, compact dates and the key', () => {
    const url = new URL(stooq.request({ symbol: 'AAPL', from: '2024-01-02', to: '2024-01-31', apiKey: 'abc' }).url);
    expect(url.origin + url.pathname).toBe('https://stooq.com/q/d/l/');
    expect(Object.fromEntries(url.searchParams)).toEqual({ s: 'aapl.us', i: 'd', d1: '20240102', d2: '20240131', apikey: 'abc' });
    expect([stooqSymbol('AAPL'), stooqSymbol('CDR.PL'), stooqSymbol('^SPX'), stooqSymbol('EURUSD')]).toEqual(['aapl.us', 'cdr.pl', '^spx', 'eurusd']);
  });

  it('reads the CSV through the importer', async () => {
    const page = await stooq.parse(reply(200, fixture('stooq/aapl.us.csv')), query);
    expect(page.bars).toEqual([
      { date: '2024-01-02', open: 185.87, high: 187.25, low: 182.71, close: 184.53, volume: 82935617 },
      { date: '2024-01-03', open: 183.08, high: 184.48, low: 182.48, close: 183.15, volume: 58780131 },
    ]);
  });

  it('tells "No data", the key page, the proof-of-work page and the daily limit apart', async () => {
    await expectKind(() => stooq.parse(reply(200, fixture('stooq/no-data.txt')), query), 'unknown-symbol', /aapl\.us/);
    await expectKind(() => stooq.parse(reply(200, fixture('stooq/apikey-page.html')), query), 'bad-key');
    await expectKind(() => stooq.parse(reply(200, fixture('stooq/challenge.html')), query), 'blocked', /web page instead of prices/);
    await expectKind(() => stooq.parse(reply(200, fixture('stooq/daily-limit.txt')), query), 'rate-limited');
    await expectKind(() => stooq.parse(reply(200, 'Date,Open,High,Low,Close,Volume\n2024-01-02,1,0.5,0.9,1,10\n'), query), 'malformed', /high 0.5 is below low 0.9/);
  });
});

// The user's own file URLs: any layout the importer reads (here a Yahoo-style CSV and a Quant Lens JSON export).
import { describe, expect, it } from 'vitest';
import { url } from '../../../src/core/providers/url';
import { exportJson } from '../../../src/core/data/export';
import { expectKind, reply } from './support';

const query = { symbol: 'spy', url: 'https://example.org/prices/{symbol}.csv' };

describe('url adapter', () => {
  it('fills the {symbol} placeholder; a base URL replaces scheme and host', () => {
    expect(url.request(query).url).toBe('https://example.org/prices/spy.csv');
    expect(url.request({ ...query, baseUrl: 'http://127.0.0.1:5' }).url).toBe('http://127.0.0.1:5/prices/spy.csv');
    expect(() => url.request({ symbol: 'spy', url: 'https://example.org/prices.csv' })).toThrow(/\{symbol\} placeholder/);
  });

  it('reads CSV and JSON files with the importer', async () => {
    const csv = 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,472.16,473.67,470.49,472.65,466.1,123623700\n';
    expect((await url.parse(reply(200, csv), query)).bars).toEqual([{ date: '2024-01-02', open: 472.16, high: 473.67, low: 470.49, close: 472.65, adjClose: 466.1, volume: 123623700 }]);
    const json = exportJson([{ symbol: 'spy', bars: [{ date: '2024-01-02', open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }] }]);
    const page = await url.parse(reply(200, json), { symbol: 'spy', url: 'https://example.org/{symbol}.json' });
    expect(page.bars).toEqual([{ date: '2024-01-02', open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }]);
  });

  it('reports a missing file as an unknown symbol and an unreadable one with its row', async () => {
    await expectKind(() => url.parse(reply(404, 'not found'), query), 'unknown-symbol');
    await expectKind(() => url.parse(reply(200, 'Date,Close\n2024-01-02,abc\n'), query), 'malformed', /row 2, column Close: not a number/);
    await expectKind(() => url.parse(reply(200, 'a,b\n1,2\n'), query), 'malformed', /cannot tell which column/);
  });
});

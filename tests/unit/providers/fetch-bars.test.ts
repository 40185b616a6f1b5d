// The driver: paging, rate-limit retries (bounded, honouring the wait the provider names), range filter,
// sort and de-duplication, validation by the importer's rules, cancellation, and key redaction.
// The network is an in-memory HttpGet here; tests/unit/cli/fetch.test.ts runs the same driver against local servers.
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/jobs/progress';
import { fetchBars, ProviderError, TransportError, type HttpGet, type HttpReply, type HttpRequest } from '../../../src/core/providers';
import { polygon } from '../../../src/core/providers/polygon';
import { yahoo } from '../../../src/core/providers/yahoo';
import { fixture, reply } from './support';

/** Answers each request with the next reply of a script and records the URLs asked. */
function scripted(replies: (HttpReply | Error)[]): HttpGet & { asked: string[] } {
  const asked: string[] = [];
  const get = async (request: HttpRequest) => {
    asked.push(request.url);
    const next = replies.shift();
    if (!next) throw new Error('no more replies in the script');
    if (next instanceof Error) throw next;
    return next;
  };
  return Object.assign(get, { asked });
}

const noWait = { sleep: async () => {} };

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('fetchBars', () => {
  it('follows next pages and returns the bars in date order', async () => {
    const get = scripted([reply(200, fixture('polygon/aapl-page1.json')), reply(200, fixture('polygon/aapl-page2.json'))]);
    const series = await fetchBars(polygon, { symbol: 'AAPL', apiKey: 'k', from: '2024-01-02', to: '2024-01-03' }, get);
    expect(get.asked).toHaveLength(2);
    expect(get.asked[1]).toContain('cursor=');
    expect(series).toMatchObject({ provider: 'polygon', symbol: 'AAPL', adjustment: 'splits', timezone: 'America/New_York' });
    expect(series.bars.map((b) => [b.date, b.close])).toEqual([['2024-01-02', 185.64], ['2024-01-03', 184.25]]);
  });

  it('keeps only [from, to], sorts, and lets a later page win a repeated date', async () => {
    const page = (bars: [string, number][], next?: boolean) =>
      reply(200, JSON.stringify({ status: 'OK', results: bars.map(([date, c]) => ({ t: Date.parse(`${date}T05:00:00Z`), o: c, h: c, l: c, c, v: 1 })), ...(next ? { next_url: 'https://api.polygon.io/v2/next?cursor=x' } : {}) }));
    const get = scripted([page([['2024-01-05', 5], ['2024-01-03', 3], ['2023-12-29', 1]], true), page([['2024-01-03', 33], ['2024-01-10', 10]])]);
    const series = await fetchBars(polygon, { symbol: 'AAPL', apiKey: 'k', from: '2024-01-02', to: '2024-01-05' }, get);
    expect(series.bars.map((b) => [b.date, b.close])).toEqual([['2024-01-03', 33], ['2024-01-05', 5]]);
  });

  it('retries a rate-limited reply after the wait the provider names, at most rateLimit.retries times', async () => {
    const waits: number[] = [];
    const retried: [number, number][] = [];
    const limited = () => reply(429, 'Too Many Requests', { 'retry-after': '2' });
    const get = scripted([limited(), limited(), reply(200, fixture('yahoo/aapl.json'))]);
    const series = await fetchBars(yahoo, { symbol: 'AAPL' }, get, { sleep: async (ms) => void waits.push(ms), onRetry: (ms, attempt) => retried.push([ms, attempt]) });
    expect(series.bars).toHaveLength(3);
    expect(waits).toEqual([2000, 2000]);
    expect(retried).toEqual([[2000, 1], [2000, 2]]);

    const always = scripted([limited(), limited(), limited(), limited(), limited()]);
    const error = await failure(fetchBars(yahoo, { symbol: 'AAPL' }, always, noWait));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toMatch(/still refused after 3 retries/);
    expect(always.asked).toHaveLength(1 + yahoo.rateLimit.retries);
  });

  it('uses the adapter wait when the reply names none, and gives up at once on a wait beyond the limit', async () => {
    const waits: number[] = [];
    const get = scripted([reply(429, 'slow down'), reply(200, fixture('yahoo/aapl.json'))]);
    await fetchBars(yahoo, { symbol: 'AAPL' }, get, { sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([yahoo.rateLimit.waitMs]);
    const tomorrow = scripted([reply(429, 'come back tomorrow', { 'retry-after': '86400' })]);
    const error = await failure(fetchBars(yahoo, { symbol: 'AAPL' }, tomorrow, noWait));
    expect(error.message).toMatch(/asks to wait 86400 s/);
    expect(tomorrow.asked).toHaveLength(1);
  });

  it('refuses invalid bars with the date and the rule broken', async () => {
    const error = await failure(fetchBars(yahoo, { symbol: 'AAPL' }, scripted([reply(200, fixture('yahoo/high-below-low.json'))])));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/bar 2024-01-02 high: high 180 is below low 183.885/);
  });

  it('says no-data when nothing is left in the range', async () => {
    const error = await failure(fetchBars(yahoo, { symbol: 'AAPL', from: '2025-01-01' }, scripted([reply(200, fixture('yahoo/aapl.json'))])));
    expect(error.kind).toBe('no-data');
    expect(error.message).toMatch(/between 2025-01-01 and today/);
  });

  it('names provider and symbol for transport failures', async () => {
    const blocked = await failure(fetchBars(yahoo, { symbol: 'MSFT' }, scripted([new TransportError('blocked', 'Failed to fetch')])));
    expect([blocked.kind, blocked.provider, blocked.symbol]).toEqual(['blocked', 'yahoo', 'MSFT']);
    const offline = await failure(fetchBars(yahoo, { symbol: 'MSFT' }, scripted([new TypeError('fetch failed')])));
    expect(offline.kind).toBe('offline');
  });

  it('refuses a symbol that is not a ticker before asking anything', async () => {
    const get = scripted([]);
    const error = await failure(fetchBars(yahoo, { symbol: 'AAPL/../../x?y' }, get));
    expect(error.kind).toBe('unknown-symbol');
    expect(get.asked).toEqual([]);
  });

  it('never lets the key out in a message', async () => {
    const key = 'S3CRET/KEY+1';
    const echo = reply(500, `internal error for /q?apikey=${encodeURIComponent(key)} and ${key}`);
    const error = await failure(fetchBars(polygon, { symbol: 'AAPL', apiKey: key }, scripted([echo])));
    expect(error.message).not.toContain(key);
    expect(error.message).not.toContain(encodeURIComponent(key));
    expect(error.message).toContain('***');
  });

  it('stops promptly when cancelled: before a request, and during a rate-limit wait', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const get = scripted([reply(200, fixture('yahoo/aapl.json'))]);
    await expect(fetchBars(yahoo, { symbol: 'AAPL' }, get, { signal: aborted.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(get.asked).toEqual([]);

    const controller = new AbortController();
    const started = Date.now();
    const waiting = fetchBars(yahoo, { symbol: 'AAPL' }, scripted([reply(429, 'x', { 'retry-after': '30' })]), { signal: controller.signal, onRetry: () => setTimeout(() => controller.abort(), 10) });
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

/**
 * Polygon.io aggregates (https://polygon.io/docs/rest/stocks/aggregates/custom-bars):
 * `/v2/aggs/ticker/<T>/range/1/day/<from>/<to>?adjusted=true&sort=asc&limit=50000&apiKey=KEY`. Reply:
 * `{ticker, status: "OK"|"DELAYED", adjusted, resultsCount, results: [{t, o, h, l, c, v, vw, n}], next_url?}`, `t` in
 * ms UTC at the start of the day in New York, so dates are read in America/New_York (US stocks). More bars than
 * `limit` continue at `next_url`, which needs the key appended again. Errors: `{status: "ERROR", error}` (bad key
 * 401, too many requests 429), `{status: "NOT_AUTHORIZED", message}` (the plan does not cover the data, 403).
 * An unknown ticker answers OK with no results. Prices: split-adjusted (`adjusted=true`), no dividend adjustment.
 */
import { tradingDate } from './trading-date';
import { buildUrl, isObject, isSuccess, jsonBody, looseBar, providerError, statusError, todayUtc, type ReplyContext } from './reply';
import type { FetchQuery, HttpReply, HttpRequest, ProviderAdapter, ProviderPage } from './types';

const ORIGIN = 'https://api.polygon.io';
const EXCHANGE_ZONE = 'America/New_York';

/** `next_url` with the key added back, on the mirror's host when a base URL is set. */
function nextRequest(nextUrl: string, query: FetchQuery): HttpRequest {
  const next = new URL(nextUrl);
  if (query.apiKey) next.searchParams.set('apiKey', query.apiKey);
  const origin = (query.baseUrl ?? next.origin).replace(/\/+$/, '');
  return { url: `${origin}${next.pathname}${next.search}` };
}

function errorBody(body: Record<string, unknown>, reply: HttpReply, ctx: ReplyContext) {
  const said = String(body.error ?? body.message ?? body.status);
  if (body.status === 'NOT_AUTHORIZED') return providerError(ctx, 'premium', `the plan does not include this data (${said})`);
  if (reply.status === 429 || /exceeded the maximum requests/i.test(said)) return statusError({ ...reply, status: 429 }, ctx, said);
  if (/api key/i.test(said)) return providerError(ctx, 'bad-key', `the key was refused (${said})`);
  return statusError(isSuccess(reply) ? { ...reply, status: 400 } : reply, ctx, said);
}

function parse(reply: HttpReply, query: FetchQuery): ProviderPage {
  const ctx: ReplyContext = { provider: 'polygon', symbol: query.symbol };
  const body = jsonBody(reply, ctx);
  if (!isObject(body)) throw providerError(ctx, 'malformed', 'expected a JSON object');
  if (body.status === 'ERROR' || body.status === 'NOT_AUTHORIZED' || !isSuccess(reply)) throw errorBody(body, reply, ctx);
  const results = body.results ?? [];
  if (!Array.isArray(results)) throw providerError(ctx, 'malformed', '"results" is not an array');
  const bars = results.map((r, i) => {
    if (!isObject(r) || typeof r.t !== 'number') throw providerError(ctx, 'malformed', `results[${i}] has no time "t"`);
    return looseBar(tradingDate(r.t / 1000, EXCHANGE_ZONE), { open: r.o, high: r.h, low: r.l, close: r.c, volume: r.v });
  });
  const page: ProviderPage = { bars, timezone: EXCHANGE_ZONE };
  if (typeof body.next_url === 'string' && bars.length > 0) page.next = nextRequest(body.next_url, query);
  return page;
}

export const polygon: ProviderAdapter = {
  id: 'polygon',
  label: 'Polygon.io',
  key: 'required',
  keyEnv: 'QL_POLYGON_KEY',
  browser: 'unknown',
  adjustment: 'splits',
  // Free plan: 5 requests per minute.
  rateLimit: { retries: 3, waitMs: 15_000 },
  docsUrl: 'https://polygon.io/docs/rest/stocks/aggregates/custom-bars',
  request(query) {
    const path = `/v2/aggs/ticker/${encodeURIComponent(query.symbol)}/range/1/day/${query.from ?? '1970-01-01'}/${query.to ?? todayUtc()}`;
    return { url: buildUrl(ORIGIN, query.baseUrl, path, { adjusted: 'true', sort: 'asc', limit: 50000, apiKey: query.apiKey }) };
  },
  parse,
};

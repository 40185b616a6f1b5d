/**
 * Tiingo end-of-day prices (https://www.tiingo.com/documentation/end-of-day):
 * `/tiingo/daily/<ticker>/prices?startDate=YYYY-MM-DD&endDate=YYYY-MM-DD&token=KEY` (the token may also go in an
 * `Authorization: Token KEY` header; the query string avoids a CORS preflight). Reply: an array of
 * `{date: "2019-01-02T00:00:00.000Z", open, high, low, close, volume, adjOpen, adjHigh, adjLow, adjClose, adjVolume,
 * divCash, splitFactor}`; the date part is the trading date. Errors: `{"detail": "..."}` (unknown ticker 404,
 * bad or missing token 401/403, hourly/daily allocation used up, throttled). Without startDate Tiingo sends only the latest bar, so
 * "all history" asks from 1900-01-01. Prices: open/high/low/close as traded, `adjClose` split- and
 * dividend-adjusted (CRSP method).
 */
import { buildUrl, isObject, isSuccess, jsonBody, leadingDate, looseBar, providerError, statusError, toNumber, type ReplyContext } from './reply';
import type { CorporateAction, FetchQuery, HttpReply, ProviderAdapter, ProviderPage } from './types';

function detailError(detail: string, reply: HttpReply, ctx: ReplyContext) {
  if (/not found/i.test(detail)) return providerError(ctx, 'unknown-symbol', `no such ticker (${detail})`);
  if (/token/i.test(detail) && /invalid|not|missing|provide/i.test(detail)) return providerError(ctx, 'bad-key', `the token was refused (${detail})`);
  if (/credentials were not provided/i.test(detail)) return providerError(ctx, 'bad-key', `no token was sent (${detail})`);
  // "You have run over your hourly/daily request allocation": Tiingo's limits are per hour and per day.
  if (/allocation|limit/i.test(detail)) return providerError(ctx, 'rate-limited', detail, (/daily/i.test(detail) ? 24 : 1) * 3600_000);
  // Django REST framework's throttle reply: "Request was throttled. Expected available in 42 seconds."
  const throttled = /throttled.*?(\d+) seconds?/i.exec(detail);
  if (throttled) return providerError(ctx, 'rate-limited', detail, Number(throttled[1]) * 1000);
  if (/premium|upgrade|permission|subscri/i.test(detail)) return providerError(ctx, 'premium', detail);
  return statusError(reply, ctx, detail);
}

function parse(reply: HttpReply, query: FetchQuery): ProviderPage {
  const ctx: ReplyContext = { provider: 'tiingo', symbol: query.symbol };
  const body = jsonBody(reply, ctx);
  if (isObject(body) && typeof body.detail === 'string') throw detailError(body.detail, reply, ctx);
  if (!isSuccess(reply)) throw statusError(reply, ctx);
  if (!Array.isArray(body)) throw providerError(ctx, 'malformed', 'expected an array of daily prices');
  const actions: CorporateAction[] = [];
  const bars = body.map((row, i) => {
    if (!isObject(row)) throw providerError(ctx, 'malformed', `price ${i + 1} is not an object`);
    const date = leadingDate(row.date);
    const dividend = toNumber(row.divCash);
    const split = toNumber(row.splitFactor);
    if (dividend > 0) actions.push({ date, kind: 'dividend', amount: dividend });
    if (split > 0 && split !== 1) actions.push({ date, kind: 'split', ratio: split });
    return looseBar(date, row as Parameters<typeof looseBar>[1]);
  });
  return { bars, actions };
}

export const tiingo: ProviderAdapter = {
  id: 'tiingo',
  label: 'Tiingo',
  key: 'required',
  keyEnv: 'QL_TIINGO_KEY',
  browser: 'unknown',
  adjustment: 'none',
  // Free plan: 50 requests per hour, 1000 per day; a short wait only helps a burst refused by the server.
  rateLimit: { retries: 2, waitMs: 10_000 },
  docsUrl: 'https://www.tiingo.com/documentation/end-of-day',
  request(query) {
    const path = `/tiingo/daily/${encodeURIComponent(query.symbol.toLowerCase())}/prices`;
    return { url: buildUrl('https://api.tiingo.com', query.baseUrl, path, { startDate: query.from ?? '1900-01-01', endDate: query.to, token: query.apiKey }) };
  },
  parse,
};

/**
 * Finnhub stock candles (https://finnhub.io/docs/api/stock-candles):
 * `/api/v1/stock/candle?symbol=AAPL&resolution=D&from=EPOCH&to=EPOCH&token=KEY` (the token must be in the query
 * string: the `X-Finnhub-Token` header fails a browser's preflight, Finnhub-API #286). Reply
 * `{s: "ok", t: [...], o, h, l, c, v}` with `t` in epoch seconds at 00:00 New York, or `{s: "no_data"}`. Errors:
 * `{"error": "You don't have access to this resource."}` (candles need a paid plan since 2023, Finnhub-API #532),
 * an invalid key (401), `API limit reached` (429, 60 calls a minute on the free plan). Dates are read in
 * America/New_York (US listings). Prices: as traded (the endpoint's default).
 */
import { tradingDate } from './trading-date';
import { buildUrl, epochSecondsOf, isObject, isSuccess, jsonBody, looseBar, providerError, statusError, type ReplyContext } from './reply';
import type { FetchQuery, HttpReply, ProviderAdapter, ProviderPage } from './types';

const EXCHANGE_ZONE = 'America/New_York';
const DAY = 86_400;

function errorText(text: string, reply: HttpReply, ctx: ReplyContext) {
  if (/don't have access|do not have access|premium|subscri/i.test(text)) return providerError(ctx, 'premium', `candles need a paid Finnhub plan (${text})`);
  if (reply.status === 429 || /limit reached/i.test(text)) return statusError({ ...reply, status: 429 }, ctx, text);
  if (/api key|token/i.test(text) || reply.status === 401) return providerError(ctx, 'bad-key', text);
  return statusError(isSuccess(reply) ? { ...reply, status: 400 } : reply, ctx, text);
}

function parse(reply: HttpReply, query: FetchQuery): ProviderPage {
  const ctx: ReplyContext = { provider: 'finnhub', symbol: query.symbol };
  if (reply.status === 429) throw statusError(reply, ctx);
  const body = jsonBody(reply, ctx);
  if (!isObject(body)) throw providerError(ctx, 'malformed', 'expected a JSON object');
  if (typeof body.error === 'string') throw errorText(body.error, reply, ctx);
  if (!isSuccess(reply)) throw statusError(reply, ctx);
  if (body.s === 'no_data') return { bars: [] };
  if (body.s !== 'ok' || !Array.isArray(body.t)) throw providerError(ctx, 'malformed', `unexpected status "${String(body.s)}"`);
  const column = (name: string) => (Array.isArray(body[name]) ? (body[name] as unknown[]) : []);
  const [o, h, l, c, v] = ['o', 'h', 'l', 'c', 'v'].map(column);
  const bars = body.t.map((t, i) => {
    if (typeof t !== 'number') throw providerError(ctx, 'malformed', `t[${i}] is not a number`);
    return looseBar(tradingDate(t, EXCHANGE_ZONE), { open: o[i], high: h[i], low: l[i], close: c[i], volume: v[i] });
  });
  return { bars, timezone: EXCHANGE_ZONE };
}

export const finnhub: ProviderAdapter = {
  id: 'finnhub',
  label: 'Finnhub',
  key: 'required',
  keyEnv: 'QL_FINNHUB_KEY',
  browser: 'direct',
  adjustment: 'none',
  rateLimit: { retries: 2, waitMs: 60_000 },
  docsUrl: 'https://finnhub.io/docs/api/stock-candles',
  request(query) {
    const from = query.from ? epochSecondsOf(query.from) - DAY : 0;
    const to = (query.to ? epochSecondsOf(query.to) : Math.floor(Date.now() / 1000)) + 2 * DAY;
    return { url: buildUrl('https://finnhub.io', query.baseUrl, '/api/v1/stock/candle', { symbol: query.symbol, resolution: 'D', from, to, token: query.apiKey }) };
  },
  parse,
};

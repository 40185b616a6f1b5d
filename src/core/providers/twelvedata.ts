/**
 * Twelve Data time series (https://twelvedata.com/docs#time-series):
 * `/time_series?symbol=AAPL&interval=1day&start_date&end_date&outputsize=5000&apikey=KEY`, reply
 * `{meta: {symbol, exchange_timezone, ...}, values: [{datetime: "2021-09-16", open: "148.44", ...}], status: "ok"}`,
 * newest first, at most 5000 values: a full page continues with `end_date` the day before its oldest value.
 * Errors come as `{code, message, status: "error"}`, often with HTTP status 200: 400/404 symbol not found, 401
 * invalid key, 403 not in the plan, 429 API credits for the minute used up; "no data on the specified dates" is
 * read as an empty page (it also ends paging past the first bar). Prices: split-adjusted (the endpoint's default
 * `adjust=splits`).
 */
import { dayNumber, isoFromDayNumber } from '../data/dates';
import { buildUrl, isObject, isSuccess, jsonBody, leadingDate, looseBar, providerError, statusError, type ReplyContext } from './reply';
import type { FetchQuery, HttpReply, ProviderAdapter, ProviderPage } from './types';

const PAGE = 5000;
const ORIGIN = 'https://api.twelvedata.com';

function request(query: FetchQuery, endDate = query.to) {
  const params = { symbol: query.symbol, interval: '1day', start_date: query.from, end_date: endDate, outputsize: PAGE, apikey: query.apiKey };
  return { url: buildUrl(ORIGIN, query.baseUrl, '/time_series', params) };
}

function errorBody(code: number, message: string, reply: HttpReply, ctx: ReplyContext) {
  switch (code) {
    case 401:
      return providerError(ctx, 'bad-key', message);
    case 403:
      return providerError(ctx, 'premium', message);
    case 429:
      return providerError(ctx, 'rate-limited', message, 60_000);
    case 400:
    case 404:
      if (/symbol|figi|not found/i.test(message)) return providerError(ctx, 'unknown-symbol', message);
      return statusError({ ...reply, status: 400 }, ctx, message);
    default:
      return statusError({ ...reply, status: code || reply.status }, ctx, message);
  }
}

function parse(reply: HttpReply, query: FetchQuery): ProviderPage {
  const ctx: ReplyContext = { provider: 'twelvedata', symbol: query.symbol };
  const body = jsonBody(reply, ctx);
  if (!isObject(body)) throw providerError(ctx, 'malformed', 'expected a JSON object');
  // "No data is available on the specified dates": an empty page (also what an older page past the start says).
  if (body.status === 'error' && /no data|data not found/i.test(String(body.message))) return { bars: [] };
  if (body.status === 'error') throw errorBody(Number(body.code), String(body.message ?? ''), reply, ctx);
  if (!isSuccess(reply)) throw statusError(reply, ctx);
  if (!Array.isArray(body.values)) throw providerError(ctx, 'malformed', 'the reply has no "values" list');
  const bars = body.values.map((v, i) => {
    if (!isObject(v)) throw providerError(ctx, 'malformed', `values[${i}] is not an object`);
    return looseBar(leadingDate(v.datetime), v as Parameters<typeof looseBar>[1]);
  });
  const meta = isObject(body.meta) ? body.meta : {};
  const page: ProviderPage = { bars };
  if (typeof meta.exchange_timezone === 'string') page.timezone = meta.exchange_timezone;
  const oldest = bars.reduce((min, b) => (b.date < min ? b.date : min), bars[0]?.date ?? '');
  if (bars.length >= PAGE && (!query.from || oldest > query.from)) page.next = request(query, isoFromDayNumber(dayNumber(oldest) - 1));
  return page;
}

export const twelvedata: ProviderAdapter = {
  id: 'twelvedata',
  label: 'Twelve Data',
  key: 'required',
  keyEnv: 'QL_TWELVEDATA_KEY',
  browser: 'unknown',
  adjustment: 'splits',
  // Free plan: 8 API credits per minute, 800 per day.
  rateLimit: { retries: 2, waitMs: 60_000 },
  docsUrl: 'https://twelvedata.com/docs#time-series',
  request: (query) => request(query),
  parse,
};

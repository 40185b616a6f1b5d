/**
 * Alpha Vantage `TIME_SERIES_DAILY` (https://www.alphavantage.co/documentation/#daily):
 * `/query?function=TIME_SERIES_DAILY&symbol=IBM&outputsize=compact|full&apikey=KEY`. Reply: `"Meta Data"` with
 * `"5. Time Zone"`, and `"Time Series (Daily)"` keyed by date with string fields `"1. open"` .. `"5. volume"`.
 * Every error comes with status 200: `{"Error Message": "Invalid API call..."}` (unknown symbol), `{"Information": ...}`
 * for a missing/invalid key, premium-only requests and the daily limit (25 requests a day on the free plan since
 * 2024), `{"Note": ...}` for the older per-minute limit.
 * Output size: `compact` (the latest 100 bars) when the wanted range starts within the last 100 trading days,
 * else `full` (all history; some free keys get an "Information" premium reply for it, reported as premium with
 * the advice to ask for a recent range). Prices: as traded (the adjusted series is premium-only).
 */
import { buildUrl, isObject, jsonBody, looseBar, providerError, statusError, todayUtc, isSuccess, type ReplyContext } from './reply';
import type { FetchQuery, HttpReply, ProviderAdapter, ProviderPage } from './types';

/** 100 trading days are about 140 calendar days. */
const COMPACT_DAYS = 140;

export function outputSize(query: FetchQuery, today = todayUtc()): 'compact' | 'full' {
  if (!query.from) return 'full';
  const ageDays = (Date.parse(today) - Date.parse(query.from)) / 86_400_000;
  return ageDays <= COMPACT_DAYS ? 'compact' : 'full';
}

function informationError(text: string, ctx: ReplyContext) {
  if (/apikey|api key/i.test(text) && /invalid|missing/i.test(text)) return providerError(ctx, 'bad-key', text);
  if (/premium endpoint|premium feature|premium plan|subscribe to any of the premium/i.test(text) && !/rate limit|per day|per minute|frequency/i.test(text)) {
    return providerError(ctx, 'premium', `${text} (the full history may need a paid plan: ask for a range within the last 100 trading days)`);
  }
  if (/rate limit|per day|per minute|frequency|requests/i.test(text)) {
    // A daily limit will not clear in a minute: say so instead of waiting.
    return providerError(ctx, 'rate-limited', text, /per day|daily/i.test(text) ? 24 * 3600_000 : 60_000);
  }
  return providerError(ctx, 'http', text);
}

function parse(reply: HttpReply, query: FetchQuery): ProviderPage {
  const ctx: ReplyContext = { provider: 'alphavantage', symbol: query.symbol };
  const body = jsonBody(reply, ctx);
  if (!isSuccess(reply)) throw statusError(reply, ctx);
  if (!isObject(body)) throw providerError(ctx, 'malformed', 'expected a JSON object');
  if (typeof body['Error Message'] === 'string') throw providerError(ctx, 'unknown-symbol', `no such symbol (${body['Error Message']})`);
  const information = body.Information ?? body.Note;
  if (typeof information === 'string') throw informationError(information, ctx);
  const series = body['Time Series (Daily)'];
  if (!isObject(series)) throw providerError(ctx, 'malformed', 'the reply has no "Time Series (Daily)"');
  const bars = Object.entries(series).map(([date, fields]) => {
    const f = isObject(fields) ? fields : {};
    return looseBar(date, { open: f['1. open'], high: f['2. high'], low: f['3. low'], close: f['4. close'], volume: f['5. volume'] });
  });
  const meta = isObject(body['Meta Data']) ? body['Meta Data'] : {};
  const zone = meta['5. Time Zone'];
  return typeof zone === 'string' ? { bars, timezone: zone } : { bars };
}

export const alphavantage: ProviderAdapter = {
  id: 'alphavantage',
  label: 'Alpha Vantage',
  key: 'required',
  keyEnv: 'QL_ALPHAVANTAGE_KEY',
  browser: 'unknown',
  adjustment: 'none',
  // Free plan: 25 requests a day, no per-minute limit; paid plans name a per-minute rate.
  rateLimit: { retries: 1, waitMs: 60_000 },
  docsUrl: 'https://www.alphavantage.co/documentation/#daily',
  request: (query) => ({
    url: buildUrl('https://www.alphavantage.co', query.baseUrl, '/query', { function: 'TIME_SERIES_DAILY', symbol: query.symbol, outputsize: outputSize(query), apikey: query.apiKey }),
  }),
  parse,
};

/**
 * Yahoo Finance chart API (v8), no key. Request: `/v8/finance/chart/<symbol>?period1&period2&interval=1d&events=div,split`.
 * Reply: `chart.result[0]` with `meta.exchangeTimezoneName` / `meta.gmtoffset`, `timestamp[]` (epoch seconds of
 * each day's open), `indicators.quote[0].{open,high,low,close,volume}`, `indicators.adjclose[0].adjclose`,
 * `events.dividends` / `events.splits` keyed by timestamp; errors in `chart.error {code, description}`.
 * Prices: open/high/low/close are split-adjusted, `adjClose` is split- and dividend-adjusted.
 * Yahoo documents none of this publicly; the shape is the one the maintained clients read (yfinance,
 * yahoo-finance2), see docsUrl. Browsers are refused cross-origin (FIELD-NOTES: node-yahoo-finance #34, #78).
 */
import { tradingDate, isKnownTimeZone, type ExchangeZone } from './trading-date';
import { buildUrl, epochSecondsOf, isObject, isSuccess, jsonBody, looseBar, providerError, statusError, type ReplyContext } from './reply';
import type { CorporateAction, FetchQuery, HttpReply, ProviderAdapter, ProviderPage } from './types';

const DAY = 86_400;
/** 1900-01-01: "all history" (what yfinance asks for with period="max"). */
const EARLIEST = -2_208_988_800;

function zoneOf(meta: Record<string, unknown>, ctx: ReplyContext): { zone: ExchangeZone; name?: string } {
  const name = meta.exchangeTimezoneName;
  if (typeof name === 'string' && isKnownTimeZone(name)) return { zone: { timeZone: name }, name };
  if (typeof meta.gmtoffset === 'number') return { zone: { gmtOffsetSeconds: meta.gmtoffset } };
  throw providerError(ctx, 'malformed', 'the reply names no exchange time zone (meta.exchangeTimezoneName or meta.gmtoffset)');
}

function chartError(error: Record<string, unknown>, reply: HttpReply, ctx: ReplyContext) {
  const code = String(error.code ?? '');
  const description = String(error.description ?? '');
  const said = `${code}${description ? `: ${description}` : ''}`;
  if (code === 'Not Found') return providerError(ctx, 'unknown-symbol', `no such symbol (${said})`);
  if (code === 'Unauthorized') return providerError(ctx, 'blocked', `Yahoo refused this client (${said})`);
  if (code === 'Too Many Requests') return statusError({ ...reply, status: 429 }, ctx, description);
  return statusError(reply.status === 200 ? { ...reply, status: 400 } : reply, ctx, said);
}

function events(raw: unknown, zone: ExchangeZone): CorporateAction[] {
  if (!isObject(raw)) return [];
  const actions: CorporateAction[] = [];
  for (const d of Object.values(isObject(raw.dividends) ? raw.dividends : {})) {
    if (isObject(d) && typeof d.date === 'number' && typeof d.amount === 'number') actions.push({ date: tradingDate(d.date, zone), kind: 'dividend', amount: d.amount });
  }
  for (const s of Object.values(isObject(raw.splits) ? raw.splits : {})) {
    if (isObject(s) && typeof s.date === 'number' && typeof s.numerator === 'number' && typeof s.denominator === 'number' && s.denominator > 0) {
      actions.push({ date: tradingDate(s.date, zone), kind: 'split', ratio: s.numerator / s.denominator });
    }
  }
  return actions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function parse(reply: HttpReply, query: FetchQuery): ProviderPage {
  const ctx: ReplyContext = { provider: 'yahoo', symbol: query.symbol };
  // 429 replies are plain text ("Too Many Requests"), not JSON.
  if (reply.status === 429) throw statusError(reply, ctx);
  const body = jsonBody(reply, ctx);
  const chart = isObject(body) ? body.chart : undefined;
  if (chart === null) throw providerError(ctx, 'unknown-symbol', 'no such symbol (empty chart)');
  if (!isObject(chart)) throw providerError(ctx, 'malformed', 'the reply has no "chart" object');
  if (isObject(chart.error)) throw chartError(chart.error, reply, ctx);
  if (!isSuccess(reply)) throw statusError(reply, ctx);
  const result = Array.isArray(chart.result) ? chart.result[0] : undefined;
  if (!isObject(result)) throw providerError(ctx, 'no-data', 'no bars (empty chart result)');
  const meta = isObject(result.meta) ? result.meta : {};
  const { zone, name: timezone } = zoneOf(meta, ctx);
  const timestamps = Array.isArray(result.timestamp) ? result.timestamp : [];
  const indicators = isObject(result.indicators) ? result.indicators : {};
  const quote = Array.isArray(indicators.quote) && isObject(indicators.quote[0]) ? indicators.quote[0] : {};
  const adjclose = Array.isArray(indicators.adjclose) && isObject(indicators.adjclose[0]) ? indicators.adjclose[0].adjclose : undefined;
  const column = (values: unknown) => (Array.isArray(values) ? values : []);
  const [open, high, low, close, volume, adj] = [quote.open, quote.high, quote.low, quote.close, quote.volume, adjclose].map(column);
  const bars = [];
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i];
    if (typeof t !== 'number') throw providerError(ctx, 'malformed', `timestamp[${i}] is not a number`);
    // Holidays and halted days come as rows of nulls: nothing to keep.
    if (open[i] == null && high[i] == null && low[i] == null && close[i] == null) continue;
    bars.push(looseBar(tradingDate(t, zone), { open: open[i], high: high[i], low: low[i], close: close[i], volume: volume[i], adjClose: adjclose ? adj[i] : undefined }));
  }
  const page: ProviderPage = { bars, actions: events(result.events, zone) };
  if (timezone) page.timezone = timezone;
  const name = meta.longName ?? meta.shortName;
  if (typeof name === 'string') page.name = name;
  return page;
}

export const yahoo: ProviderAdapter = {
  id: 'yahoo',
  label: 'Yahoo Finance',
  key: 'none',
  browser: 'proxy',
  adjustment: 'splits',
  // Yahoo publishes no limit; it answers 429 to bursts, and a pause of some seconds usually clears it.
  rateLimit: { retries: 3, waitMs: 10_000 },
  docsUrl: 'https://github.com/ranaroussi/yfinance/blob/main/yfinance/scrapers/history.py',
  request(query) {
    // One day of margin on each side: a bar's timestamp is the local open, up to 14 h away from 00:00 UTC.
    const period1 = query.from ? epochSecondsOf(query.from) - DAY : EARLIEST;
    const period2 = (query.to ? epochSecondsOf(query.to) : Math.floor(Date.now() / 1000)) + 2 * DAY;
    const path = `/v8/finance/chart/${encodeURIComponent(query.symbol)}`;
    return { url: buildUrl('https://query1.finance.yahoo.com', query.baseUrl, path, { period1, period2, interval: '1d', events: 'div,split' }) };
  },
  parse,
};

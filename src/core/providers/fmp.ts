/**
 * Financial Modeling Prep end-of-day prices (https://site.financialmodelingprep.com/developer/docs/stable/historical-price-eod-full):
 * `/stable/historical-price-eod/full?symbol=AAPL&from=YYYY-MM-DD&to=YYYY-MM-DD&apikey=KEY`, reply
 * `[{symbol, date, open, high, low, close, volume, change, changePercent, vwap}]` (newest first). The legacy v3
 * shape `{symbol, historical: [{date, open, high, low, close, adjClose, volume, ...}]}` is read too (mirrors and
 * older keys). Errors: `{"Error Message": "..."}`: an invalid key (401), "Limit Reach" (the daily allowance, 429),
 * "Premium Query Parameter" / "Special Endpoint" / "Legacy Endpoint" (402/403: not in the plan). An unknown
 * symbol answers an empty list. Prices: split-adjusted; `adjClose` kept when the v3 shape has it.
 */
import { buildUrl, isObject, isSuccess, jsonBody, looseBar, providerError, statusError, type ReplyContext } from './reply';
import type { FetchQuery, HttpReply, ProviderAdapter, ProviderPage } from './types';

function errorMessage(text: string, reply: HttpReply, ctx: ReplyContext) {
  if (/invalid api key|api key/i.test(text)) return providerError(ctx, 'bad-key', text);
  if (/limit reach/i.test(text)) return providerError(ctx, 'rate-limited', text, 24 * 3600_000);
  if (/premium|special endpoint|legacy endpoint|subscription|upgrade/i.test(text)) return providerError(ctx, 'premium', text);
  return statusError(isSuccess(reply) ? { ...reply, status: 400 } : reply, ctx, text);
}

function parse(reply: HttpReply, query: FetchQuery): ProviderPage {
  const ctx: ReplyContext = { provider: 'fmp', symbol: query.symbol };
  const body = jsonBody(reply, ctx);
  if (isObject(body) && typeof body['Error Message'] === 'string') throw errorMessage(body['Error Message'], reply, ctx);
  if (!isSuccess(reply)) throw statusError(reply, ctx);
  const rows = Array.isArray(body) ? body : isObject(body) ? (body.historical ?? []) : undefined;
  if (!Array.isArray(rows)) throw providerError(ctx, 'malformed', 'expected a list of daily prices');
  const bars = rows.map((row, i) => {
    if (!isObject(row) || typeof row.date !== 'string') throw providerError(ctx, 'malformed', `price ${i + 1} has no date`);
    return looseBar(row.date, row as Parameters<typeof looseBar>[1]);
  });
  return { bars };
}

export const fmp: ProviderAdapter = {
  id: 'fmp',
  label: 'Financial Modeling Prep',
  key: 'required',
  keyEnv: 'QL_FMP_KEY',
  browser: 'direct',
  adjustment: 'splits',
  // Free plan: 250 requests a day; a burst refusal clears within a minute.
  rateLimit: { retries: 1, waitMs: 30_000 },
  docsUrl: 'https://site.financialmodelingprep.com/developer/docs/stable/historical-price-eod-full',
  request: (query) => ({
    url: buildUrl('https://financialmodelingprep.com', query.baseUrl, '/stable/historical-price-eod/full', { symbol: query.symbol, from: query.from, to: query.to, apikey: query.apiKey }),
  }),
  parse,
};

/**
 * Stooq daily CSV: `/q/d/l/?s=aapl.us&i=d&d1=YYYYMMDD&d2=YYYYMMDD&apikey=KEY`, reply `Date,Open,High,Low,Close,Volume`
 * (read by the importer). Since March 2026 a key is required (without one Stooq answers an HTML page pointing to
 * `get_apikey`, pandas-datareader #1012); since mid-2026 non-browser clients may get a JavaScript proof-of-work page
 * with status 200 (Vibe-Trading #1342, finance-query #263), reported as `blocked`. Unknown symbols answer
 * `No data` (or `N/D`); the daily cap answers `Exceeded the daily hits limit`.
 * Symbols: Stooq writes them lower-case with a market suffix; a bare US ticker gets `.us` (as pandas-datareader does).
 * Prices: split- and dividend-adjusted by Stooq, no separate adjusted close.
 */
import { readPriceFile } from './file-reply';
import { bodyExcerpt, buildUrl, isSuccess, providerError, statusError, type ReplyContext } from './reply';
import type { FetchQuery, HttpReply, ProviderAdapter } from './types';

/** `AAPL` -> `aapl.us`; `AIR.NZ`, `^SPX`, `EURUSD` (six letters, a currency pair) kept, lower-cased. */
export function stooqSymbol(symbol: string): string {
  const lower = symbol.toLowerCase();
  return lower.includes('.') || lower.startsWith('^') || /^[a-z]{6}$/.test(lower) ? lower : `${lower}.us`;
}

const compactDate = (date: string | undefined) => date?.replaceAll('-', '');

async function parse(reply: HttpReply, query: FetchQuery) {
  const ctx: ReplyContext = { provider: 'stooq', symbol: query.symbol };
  if (!isSuccess(reply)) throw statusError(reply, ctx);
  const body = reply.body.trim();
  if (/^(no data|n\/d)$/i.test(body)) throw providerError(ctx, 'unknown-symbol', `no data for ${stooqSymbol(query.symbol)}`);
  if (/exceeded the daily hits limit/i.test(body)) throw providerError(ctx, 'rate-limited', 'the daily request limit is used up', 24 * 3600_000);
  if (body.startsWith('<')) {
    if (/apikey/i.test(body)) throw providerError(ctx, 'bad-key', 'Stooq asks for an API key (none given, or not accepted)');
    throw providerError(ctx, 'blocked', `Stooq sent a web page instead of prices (a browser check that scripts cannot pass: "${bodyExcerpt(body, 60)}")`);
  }
  return readPriceFile(reply.body, `${query.symbol}.csv`, ctx);
}

export const stooq: ProviderAdapter = {
  id: 'stooq',
  label: 'Stooq',
  key: 'required',
  keyEnv: 'QL_STOOQ_KEY',
  browser: 'unknown',
  adjustment: 'splits-and-dividends',
  // The cap is per day: waiting does not help, so one retry only for a transient refusal.
  rateLimit: { retries: 1, waitMs: 5_000 },
  docsUrl: 'https://stooq.com/q/d/?s=spy.us&get_apikey',
  request(query) {
    const params = { s: stooqSymbol(query.symbol), i: 'd', d1: compactDate(query.from), d2: compactDate(query.to), apikey: query.apiKey };
    return { url: buildUrl('https://stooq.com', query.baseUrl, '/q/d/l/', params) };
  },
  parse,
};

/**
 * The user's own files: one CSV or JSON address per symbol, written with a `{symbol}` placeholder
 * (`https://example.org/prices/{symbol}.csv`). Any layout the importer reads works (Yahoo, Stooq, pandas,
 * Quant Lens exports...). No key; whether a browser may read it depends on the host's CORS headers.
 * Adjustment: whatever the files hold (reported as none).
 */
import { readPriceFile } from './file-reply';
import { isSuccess, providerError, statusError, type ReplyContext } from './reply';
import type { FetchQuery, HttpReply, ProviderAdapter } from './types';

/** The address for one symbol; `baseUrl` replaces the template's scheme and host (mirrors, tests). */
function addressOf(query: FetchQuery, ctx: ReplyContext): string {
  const template = query.url;
  if (!template || !template.includes('{symbol}')) throw providerError(ctx, 'malformed', 'give the address of the files with a {symbol} placeholder, e.g. https://example.org/prices/{symbol}.csv');
  const address = template.split('{symbol}').join(encodeURIComponent(query.symbol));
  if (!query.baseUrl) return address;
  const { pathname, search } = new URL(address);
  return `${query.baseUrl.replace(/\/+$/, '')}${pathname}${search}`;
}

async function parse(reply: HttpReply, query: FetchQuery) {
  const ctx: ReplyContext = { provider: 'url', symbol: query.symbol };
  if (reply.status === 404) throw providerError(ctx, 'unknown-symbol', `no file for ${query.symbol} (HTTP 404)`);
  if (!isSuccess(reply)) throw statusError(reply, ctx);
  const path = new URL(addressOf(query, ctx)).pathname;
  return readPriceFile(reply.body, path.split('/').pop() || `${query.symbol}.csv`, ctx);
}

export const url: ProviderAdapter = {
  id: 'url',
  label: 'Your own file URL',
  key: 'none',
  browser: 'unknown',
  adjustment: 'none',
  rateLimit: { retries: 2, waitMs: 5_000 },
  symbolCase: 'as-typed',
  docsUrl: 'docs/data.md#getting-prices-from-providers',
  request: (query) => ({ url: addressOf(query, { provider: 'url', symbol: query.symbol }) }),
  parse,
};

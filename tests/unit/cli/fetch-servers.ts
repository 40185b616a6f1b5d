/**
 * Local HTTP servers (127.0.0.1, port 0) that speak each provider's protocol for the CLI `fetch` tests: the
 * paths and parameters the provider documents, its key check, its status codes and error bodies (the fixtures
 * of tests/fixtures/providers/), Retry-After on 429, and Polygon's next_url paging.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const KEY = 'KEY-s3cr3t-9f8e7d';

export interface Answer {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

export interface Asked {
  path: string;
  query: Record<string, string>;
}

export type Handler = (asked: Asked, count: number) => Answer;

export const fixture = (path: string) => readFileSync(new URL(`../../fixtures/providers/${path}`, import.meta.url), 'utf8');
const json = (path: string, status = 200): Answer => ({ status, body: fixture(path), headers: { 'content-type': 'application/json' } });

export interface ProviderServer {
  baseUrl: string;
  asked: Asked[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<ProviderServer> {
  const asked: Asked[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request = { path: url.pathname, query: Object.fromEntries(url.searchParams) };
    asked.push(request);
    const answer = handler(request, asked.length);
    res.writeHead(answer.status ?? 200, answer.headers ?? {});
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, asked, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Yahoo: no key; AAPL and AIR.NZ known, anything else "Not Found". */
export const yahoo: Handler = ({ path }) => {
  if (path === '/v8/finance/chart/AAPL') return json('yahoo/aapl.json');
  if (path === '/v8/finance/chart/AIR.NZ') return json('yahoo/air-nz.json');
  return json('yahoo/not-found.json', 404);
};

/** Tiingo: token in the query string; unknown tickers 404 with a detail body. */
export const tiingo: Handler = ({ path, query }) => {
  if (query.token !== KEY) return json('tiingo/bad-token.json', 401);
  return path === '/tiingo/daily/aapl/prices' ? json('tiingo/aapl.json') : json('tiingo/not-found.json', 404);
};

/** Alpha Vantage: every error with status 200. */
export const alphavantage: Handler = ({ path, query }) => {
  if (path !== '/query' || query.function !== 'TIME_SERIES_DAILY') return { status: 404, body: 'no such page' };
  if (query.apikey !== KEY) return json('alphavantage/bad-key.json');
  if (query.symbol === 'IBM') return json('alphavantage/ibm.json');
  if (query.symbol === 'BUSY') return json('alphavantage/daily-limit.json');
  return json('alphavantage/invalid-call.json');
};

/** Polygon: two pages joined by next_url on the real host (the client must move it to the base URL and add the key). */
export const polygon: Handler = ({ path, query }) => {
  if (query.apiKey !== KEY) return json('polygon/unknown-key.json', 401);
  if (path === '/v2/aggs/ticker/AAPL/range/1/day/1704258000000/2024-01-03' && query.cursor === 'bGltaXQ9MSZzb3J0PWFzYw') return json('polygon/aapl-page2.json');
  if (path.startsWith('/v2/aggs/ticker/AAPL/range/1/day/')) return json('polygon/aapl-page1.json');
  return json('polygon/no-results.json');
};

export const fmp: Handler = ({ path, query }) => {
  if (query.apikey !== KEY) return json('fmp/invalid-key.json', 401);
  if (path !== '/stable/historical-price-eod/full') return { status: 404, body: '[]' };
  return query.symbol === 'AAPL' ? json('fmp/aapl-stable.json') : { body: '[]' };
};

/** Twelve Data: errors are JSON bodies with HTTP status 200. */
export const twelvedata: Handler = ({ path, query }) => {
  if (path !== '/time_series') return { status: 404, body: 'not found' };
  if (query.apikey !== KEY) return json('twelvedata/invalid-key.json');
  return query.symbol === 'AAPL' ? json('twelvedata/aapl.json') : json('twelvedata/symbol-not-found.json');
};

export const finnhub: Handler = ({ path, query }) => {
  if (path !== '/api/v1/stock/candle') return { status: 404, body: '{}' };
  if (query.token !== KEY) return json('finnhub/invalid-key.json', 401);
  return query.symbol === 'AAPL' ? json('finnhub/aapl.json') : json('finnhub/no-access.json', 403);
};

/** Stooq: the key page without a key, the proof-of-work page for one symbol, "No data" for unknown ones. */
export const stooq: Handler = ({ path, query }) => {
  if (path !== '/q/d/l/') return { status: 404, body: 'not found' };
  if (query.apikey !== KEY) return { body: fixture('stooq/apikey-page.html'), headers: { 'content-type': 'text/html' } };
  if (query.s === 'aapl.us') return { body: fixture('stooq/aapl.us.csv'), headers: { 'content-type': 'text/csv' } };
  if (query.s === 'msft.us') return { body: fixture('stooq/challenge.html'), headers: { 'content-type': 'text/html' } };
  return { body: fixture('stooq/no-data.txt') };
};

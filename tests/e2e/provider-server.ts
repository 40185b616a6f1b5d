/**
 * A local stand-in for market-data providers, speaking their documented protocols over real HTTP on
 * 127.0.0.1 (port 0), for the browser tests and the refresh bench:
 * - Yahoo Finance v8 chart JSON at `/v8/finance/chart/<SYMBOL>?period1&period2&interval=1d` (as yfinance and
 *   yahoo-finance2 read it: `chart.result[0].meta`, `timestamp[]`, `indicators.quote[0]`, `indicators.adjclose[0]`);
 * - Stooq CSV at `/q/d/l/?s=aapl.us&i=d&d1=YYYYMMDD&d2=YYYYMMDD&apikey=KEY` (401 for a wrong key);
 * - `/proxy/<full URL>`: a CORS proxy prefix, which answers the wrapped Yahoo/Stooq URL itself;
 * - `/nocors/...`: the same answers WITHOUT `Access-Control-Allow-Origin`, as Yahoo serves browsers.
 * Every reply except `/nocors/` carries `Access-Control-Allow-Origin: *`. Prices are a deterministic function
 * of symbol and date; `readjust(factor)` re-scales all history as a provider does after a split.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tradingDays } from '../../src/core/data/calendar';
import type { Bar } from '../../src/core/data/types';

export interface ProviderServer {
  url: string;
  /** Every request as received (path and query), in order. */
  requests: URL[];
  /** The last trading date the provider has (inclusive). */
  lastDate: string;
  /** Multiplies every price: 0.5 after a 2-for-1 split re-adjusts the whole history. */
  priceFactor: number;
  stooqKey: string;
  /** Delay before each answer (to cancel a job in flight). */
  delayMs: number;
  bars(symbol: string, from?: string, to?: string): Bar[];
  stop(): Promise<void>;
}

const FIRST_DATE = '2024-01-02';

function symbolSeed(symbol: string): number {
  let h = 0;
  for (const c of symbol) h = (h * 31 + c.charCodeAt(0)) % 997;
  return h;
}

/** The provider's bar of `symbol` on the `i`-th trading day (rounded to cents, like real quotes). */
function barOf(symbol: string, date: string, i: number, factor: number): Bar {
  const seed = symbolSeed(symbol);
  const cents = (x: number) => Math.round(x * factor * 100) / 100;
  const close = 50 + seed / 10 + 10 * Math.sin((i + seed) / 9) + i * 0.05;
  return { date, open: cents(close - 0.4), high: cents(close + 1.1), low: cents(close - 1.2), close: cents(close), volume: 1_000_000 + i * 100 + seed, adjClose: cents(close * 0.98) };
}

/** Epoch seconds of the day's 09:30 New York open in winter time (14:30 UTC); any time of that day maps to the same date. */
const openEpoch = (date: string) => Date.parse(`${date}T14:30:00Z`) / 1000;
const fromCompact = (d: string | null) => (d && /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : undefined);

function yahooChart(symbol: string, bars: Bar[]): unknown {
  return {
    chart: {
      result: [{
        meta: { currency: 'USD', symbol, exchangeName: 'NMS', instrumentType: 'EQUITY', gmtoffset: -18000, timezone: 'EST', exchangeTimezoneName: 'America/New_York', longName: `${symbol} Inc.`, dataGranularity: '1d' },
        timestamp: bars.map((b) => openEpoch(b.date)),
        indicators: {
          quote: [{ open: bars.map((b) => b.open), high: bars.map((b) => b.high), low: bars.map((b) => b.low), close: bars.map((b) => b.close), volume: bars.map((b) => b.volume) }],
          adjclose: [{ adjclose: bars.map((b) => b.adjClose) }],
        },
      }],
      error: null,
    },
  };
}

export async function startProviderServer(options: { firstDate?: string; lastDate?: string; stooqKey?: string } = {}): Promise<ProviderServer> {
  const firstDate = options.firstDate ?? FIRST_DATE;
  const state: Omit<ProviderServer, 'url' | 'stop'> = {
    requests: [],
    lastDate: options.lastDate ?? '2024-06-28',
    priceFactor: 1,
    stooqKey: options.stooqKey ?? 'stooq-good-key',
    delayMs: 0,
    bars(symbol, from = firstDate, to = state.lastDate) {
      const days = tradingDays(firstDate, state.lastDate);
      const out: Bar[] = [];
      days.forEach((date, i) => {
        if (date >= from && date <= to) out.push(barOf(symbol, date, i, state.priceFactor));
      });
      return out;
    },
  };

  function answer(url: URL, res: ServerResponse, cors: boolean): void {
    const headers: Record<string, string> = cors ? { 'Access-Control-Allow-Origin': '*' } : {};
    const chart = /^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname);
    if (chart) {
      const symbol = decodeURIComponent(chart[1]);
      const bars = state.bars(symbol).filter((b) => openEpoch(b.date) >= Number(url.searchParams.get('period1') ?? 0) && openEpoch(b.date) < Number(url.searchParams.get('period2') ?? Infinity));
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify(yahooChart(symbol, bars)));
      return;
    }
    if (url.pathname === '/q/d/l/') {
      if (url.searchParams.get('apikey') !== state.stooqKey) {
        res.writeHead(401, { ...headers, 'Content-Type': 'text/plain' }).end('Unauthorized');
        return;
      }
      const symbol = (url.searchParams.get('s') ?? '').replace(/\.us$/, '').toUpperCase();
      const bars = state.bars(symbol, fromCompact(url.searchParams.get('d1')), fromCompact(url.searchParams.get('d2')));
      const csv = ['Date,Open,High,Low,Close,Volume', ...bars.map((b) => `${b.date},${b.open},${b.high},${b.low},${b.close},${b.volume}`)].join('\n');
      res.writeHead(200, { ...headers, 'Content-Type': 'text/csv' }).end(csv);
      return;
    }
    res.writeHead(404, headers).end('not found');
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'OPTIONS') state.requests.push(new URL(req.url ?? '/', 'http://127.0.0.1')); // as received, before any delay
    if (state.delayMs > 0) setTimeout(() => handle(req, res), state.delayMs);
    else handle(req, res);
  });
  function handle(req: IncomingMessage, res: ServerResponse): void {
    const raw = req.url ?? '/';
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' }).end();
      return;
    }
    if (raw.startsWith('/proxy/')) {
      const target = new URL(decodeURIComponent(raw.slice('/proxy/'.length)));
      answer(target, res, true);
      return;
    }
    const nocors = raw.startsWith('/nocors/');
    const url = new URL(nocors ? raw.slice('/nocors'.length) : raw, 'http://127.0.0.1');
    answer(url, res, !nocors);
  }
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  }) as ProviderServer;
}

export { openEpoch };

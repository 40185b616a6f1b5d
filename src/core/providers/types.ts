/**
 * Market-data providers: the contract every adapter follows (DESIGN.md, "Market data providers are pure
 * adapters"). An adapter only builds requests and parses replies; it never calls `fetch` itself. The shells
 * (browser worker, CLI) perform the HTTP call through an {@link HttpGet} they pass in, so the same adapters
 * and the same driver (`fetch-bars.ts`) run in the app, in Node and in tests against local servers.
 *
 * Keys: an adapter puts the key where its provider documents it (query string or header). Nothing here may
 * put a key into an error message, a log line or a stored record: `redactKey` is applied to every URL that
 * leaves the adapter in text form.
 */
import type { Bar } from '../data/types';

export const PROVIDER_IDS = ['yahoo', 'tiingo', 'alphavantage', 'polygon', 'fmp', 'twelvedata', 'finnhub', 'stooq', 'url'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** What the user asked for: one symbol, an optional inclusive date range (exchange trading dates). */
export interface FetchQuery {
  /** The provider's ticker as the user typed it (e.g. `AAPL`, `BRK-B`, `AIR.NZ`). */
  symbol: string;
  /** First wanted trading date `YYYY-MM-DD`; absent = all history. */
  from?: string;
  /** Last wanted trading date `YYYY-MM-DD`; absent = up to today. */
  to?: string;
  apiKey?: string;
  /** Replaces the provider's scheme and host (self-hosted mirrors, tests, a CORS proxy is separate). */
  baseUrl?: string;
  /** For the `url` provider: the file address with a `{symbol}` placeholder. */
  url?: string;
}

export interface HttpRequest {
  url: string;
  headers?: Record<string, string>;
}

export interface HttpReply {
  status: number;
  /** Response body as text (JSON and CSV providers alike). */
  body: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

/**
 * Performs one GET; supplied by the shell. Network failures reject with a {@link TransportError} (the shell
 * knows whether the browser blocked the reply or the network is down, but not which provider or symbol
 * asked: `fetchBars` adds those). Any other rejection is reported as `offline`.
 */
export type HttpGet = (request: HttpRequest, signal?: AbortSignal) => Promise<HttpReply>;

/** A request that got no HTTP reply at all: `blocked` (the browser refused a cross-origin reply) or `offline`. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'blocked' | 'offline',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/**
 * Why a fetch failed, in the user's terms. The UI and the CLI turn each kind into advice:
 * `blocked` -> use the CORS proxy prefix, the Pages feed or the CLI; `rate-limited` -> wait (retried
 * automatically within the provider's documented limit); `bad-key` / `premium` -> check the key or plan.
 */
export type ProviderErrorKind =
  | 'blocked'
  | 'offline'
  | 'bad-key'
  | 'rate-limited'
  | 'unknown-symbol'
  | 'premium'
  | 'no-data'
  | 'malformed'
  | 'http';

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    readonly provider: ProviderId,
    readonly symbol: string,
    message: string,
    /** For `rate-limited`: how long the provider asks us to wait before retrying, when it says. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** Whether a provider's prices are as traded, or adjusted back in time for splits and/or dividends. */
export const PRICE_ADJUSTMENTS = ['none', 'splits', 'splits-and-dividends'] as const;
export type PriceAdjustment = (typeof PRICE_ADJUSTMENTS)[number];

/** A dividend (cash per share) or a split (new shares per old share, e.g. 4 for 4-for-1) on an exchange date. */
export type CorporateAction = { date: string; kind: 'dividend'; amount: number } | { date: string; kind: 'split'; ratio: number };

/** One parsed reply: bars in ascending date order, plus the next page when the provider pages. */
export interface ProviderPage {
  bars: Bar[];
  /** Dividends and splits, for providers that report them (Yahoo `events`, Tiingo `divCash`/`splitFactor`). */
  actions?: CorporateAction[];
  /** Exchange time zone the dates were computed in, when the reply names one (e.g. `America/New_York`). */
  timezone?: string;
  /** Company or instrument name, when the reply gives one. */
  name?: string;
  next?: HttpRequest;
}

/** What a completed fetch returns for one symbol. */
export interface FetchedSeries {
  provider: ProviderId;
  symbol: string;
  name?: string;
  bars: Bar[];
  /** How `open/high/low/close` are adjusted; `adjClose` (when present) is always split-and-dividend adjusted. */
  adjustment: PriceAdjustment;
  timezone?: string;
  /** Dividends and splits in the fetched range, by date, when the provider reports them. */
  actions?: CorporateAction[];
}

export interface ProviderAdapter {
  id: ProviderId;
  /** Name shown to users, e.g. "Yahoo Finance". */
  label: string;
  /** Whether requests need an API key, and the environment variable the CLI reads it from. */
  key: 'none' | 'required' | 'optional';
  keyEnv?: string;
  /** Does a web page on another origin get the reply (CORS)? `proxy` = no, use the proxy prefix, the feed or the CLI. */
  browser: 'direct' | 'proxy' | 'unknown';
  adjustment: PriceAdjustment;
  /** Retries after a rate-limit reply and the wait between them when the reply names none (the provider's documented limit). */
  rateLimit: { retries: number; waitMs: number };
  /** How typed tickers are sent: upper-cased (the default) or as typed (file names in the user's own URLs). */
  symbolCase?: 'upper' | 'as-typed';
  /** Provider documentation, shown next to the key field. */
  docsUrl: string;
  /** The first request for a query. */
  request(query: FetchQuery): HttpRequest;
  /**
   * Parses one reply; throws {@link ProviderError} for every error body the provider documents. Asynchronous
   * only for adapters that read files through the importer (`url`, `stooq`).
   */
  parse(reply: HttpReply, query: FetchQuery): ProviderPage | Promise<ProviderPage>;
}

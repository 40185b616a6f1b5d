/**
 * Reading replies, shared by the adapters: JSON bodies, HTTP status codes and `Retry-After`, numbers that
 * providers send as numbers, strings or null. Every failure becomes a {@link ProviderError} in the user's terms.
 */
import type { Bar } from '../data/types';
import { ProviderError, type HttpReply, type ProviderErrorKind, type ProviderId } from './types';

/** Who asked: every error names the provider and the symbol. */
export interface ReplyContext {
  provider: ProviderId;
  symbol: string;
}

export function providerError(ctx: ReplyContext, kind: ProviderErrorKind, message: string, retryAfterMs?: number): ProviderError {
  return new ProviderError(kind, ctx.provider, ctx.symbol, message, retryAfterMs);
}

/** The first characters of a body, on one line, for messages about replies we could not read. */
export function bodyExcerpt(body: string, length = 80): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}...` : flat;
}

/** `Retry-After` in milliseconds: delta seconds or an HTTP date (RFC 9110 section 10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The error for a reply whose status is not 2xx, by status alone (adapters first look for a documented error
 * body and call this only when they find none). `detail` is the provider's own words, when it gave some.
 */
export function statusError(reply: HttpReply, ctx: ReplyContext, detail?: string): ProviderError {
  const said = detail ? `: ${detail}` : '';
  switch (reply.status) {
    case 401:
    case 403:
      return providerError(ctx, 'bad-key', `the key was refused (HTTP ${reply.status})${said}`);
    case 402:
      return providerError(ctx, 'premium', `this data needs a paid plan (HTTP 402)${said}`);
    case 404:
      return providerError(ctx, 'unknown-symbol', `no such symbol (HTTP 404)${said}`);
    case 429:
      return providerError(ctx, 'rate-limited', `too many requests (HTTP 429)${said}`, retryAfterMs(reply.headers));
    default:
      return providerError(ctx, 'http', `HTTP ${reply.status}${said || (reply.body ? `: ${bodyExcerpt(reply.body)}` : '')}`);
  }
}

export const isSuccess = (reply: HttpReply) => reply.status >= 200 && reply.status < 300;

/** The parsed JSON body, or a `malformed` error that quotes its beginning (an HTML page, a CSV...). */
export function jsonBody(reply: HttpReply, ctx: ReplyContext): unknown {
  try {
    return JSON.parse(reply.body);
  } catch {
    if (!isSuccess(reply)) throw statusError(reply, ctx);
    throw providerError(ctx, 'malformed', `the reply is not JSON (HTTP ${reply.status}, starts "${bodyExcerpt(reply.body, 60)}")`);
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A price or volume as sent: numbers, numeric strings (Alpha Vantage), null for "none" (Yahoo holidays) -> NaN. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return NaN;
}

/** A bar from loosely typed fields; absent numbers are NaN (the validation in `fetchBars` reports them). */
export function looseBar(date: string, fields: { open: unknown; high: unknown; low: unknown; close: unknown; volume?: unknown; adjClose?: unknown }): Bar {
  const bar: Bar = {
    date,
    open: toNumber(fields.open),
    high: toNumber(fields.high),
    low: toNumber(fields.low),
    close: toNumber(fields.close),
    volume: toNumber(fields.volume),
  };
  if (fields.adjClose !== undefined && fields.adjClose !== null) bar.adjClose = toNumber(fields.adjClose);
  return bar;
}

/** `YYYY-MM-DD` from a date or timestamp string that starts with one (`2019-01-02T00:00:00.000Z` -> `2019-01-02`). */
export function leadingDate(text: unknown): string {
  return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : String(text);
}

/** Epoch seconds at 00:00 UTC of a `YYYY-MM-DD` date. */
export function epochSecondsOf(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 1000;
}

/** Today's date in UTC, for providers that need an explicit end date. */
export const todayUtc = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);

/**
 * The request URL: the provider's origin, or `baseUrl` (which replaces scheme and host, and may add a path
 * prefix for a mirror), plus path and query parameters (undefined ones left out).
 */
export function buildUrl(origin: string, baseUrl: string | undefined, path: string, params: Record<string, string | number | undefined>): string {
  const base = (baseUrl ?? origin).replace(/\/+$/, '');
  const query = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${base}${path}${query ? `?${query}` : ''}`;
}

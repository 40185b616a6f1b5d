/**
 * The one driver every shell uses: asks an adapter for the first request, performs it through the shell's
 * {@link HttpGet}, follows `next` pages, waits and retries when the provider says "too many requests" (within
 * the adapter's documented limit), keeps the wanted dates and checks the bars. Errors come out as
 * {@link ProviderError}s naming provider and symbol, with the key removed from every message.
 */
import { CancelledError, throwIfCancelled } from '../jobs/progress';
import { SYMBOL_PATTERN } from '../data/normalise';
import type { Bar } from '../data/types';
import { checkBars } from './check-bars';
import { redactKey } from './redact';
import { providerError, type ReplyContext } from './reply';
import { ProviderError, TransportError, type CorporateAction, type FetchQuery, type FetchedSeries, type HttpGet, type HttpReply, type HttpRequest, type ProviderAdapter, type ProviderPage } from './types';

export interface FetchBarsOptions {
  signal?: AbortSignal;
  /** Waits between retries (tests pass one that returns at once); must reject promptly when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told before each wait after a rate-limit reply: how long, and which retry follows (1, 2...). */
  onRetry?: (waitMs: number, attempt: number) => void;
  /** Longest wait we accept; a provider asking for more (e.g. "come back tomorrow") fails at once. Default 65 s. */
  maxWaitMs?: number;
}

/** Pages followed before we decide a provider is looping. */
const MAX_PAGES = 1000;

/** setTimeout that rejects with a CancelledError when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A failure of the shell's HttpGet in the user's terms (the shell does not know provider and symbol). */
function transportFailure(error: unknown, ctx: ReplyContext, signal?: AbortSignal): Error {
  if (signal?.aborted) return new CancelledError();
  if (error instanceof ProviderError) return providerError(ctx, error.kind, error.message, error.retryAfterMs);
  if (error instanceof TransportError) return providerError(ctx, error.kind, error.message);
  return providerError(ctx, 'offline', `no reply (${error instanceof Error ? error.message : String(error)})`);
}

/** One request, retried after rate-limit replies; returns the parsed page. */
async function fetchPage(adapter: ProviderAdapter, query: FetchQuery, request: HttpRequest, get: HttpGet, ctx: ReplyContext, options: FetchBarsOptions): Promise<ProviderPage> {
  const { signal, maxWaitMs = 65_000 } = options;
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(signal);
    let reply: HttpReply;
    try {
      reply = await get(request, signal);
    } catch (error) {
      throw transportFailure(error, ctx, signal);
    }
    throwIfCancelled(signal);
    try {
      return await adapter.parse(reply, query);
    } catch (error) {
      if (!(error instanceof ProviderError) || error.kind !== 'rate-limited') throw error;
      const waitMs = error.retryAfterMs ?? adapter.rateLimit.waitMs;
      if (attempt > adapter.rateLimit.retries) throw providerError(ctx, 'rate-limited', `${error.message} (still refused after ${adapter.rateLimit.retries} retries)`, error.retryAfterMs);
      if (waitMs > maxWaitMs) throw providerError(ctx, 'rate-limited', `${error.message} (asks to wait ${Math.ceil(waitMs / 1000)} s)`, error.retryAfterMs);
      options.onRetry?.(waitMs, attempt);
      await (options.sleep ?? sleep)(waitMs, signal);
    }
  }
}

/** Every bar of `query.symbol` in [from, to] from one provider, checked and in date order. */
export async function fetchBars(adapter: ProviderAdapter, query: FetchQuery, get: HttpGet, options: FetchBarsOptions = {}): Promise<FetchedSeries> {
  const ctx: ReplyContext = { provider: adapter.id, symbol: query.symbol };
  try {
    if (!SYMBOL_PATTERN.test(query.symbol)) throw providerError(ctx, 'unknown-symbol', 'not a ticker (letters, digits and . - ^ = _ : / only, at most 32)');
    const wanted = ({ date }: { date: string }) => (!query.from || date >= query.from) && (!query.to || date <= query.to);
    const collected: Bar[] = [];
    const actions: CorporateAction[] = [];
    let request: HttpRequest | undefined = adapter.request(query);
    let name: string | undefined;
    let timezone: string | undefined;
    for (let pages = 0; request; pages++) {
      if (pages === MAX_PAGES) throw providerError(ctx, 'malformed', `the provider kept sending further pages (more than ${MAX_PAGES})`);
      const page = await fetchPage(adapter, query, request, get, ctx, options);
      for (const bar of page.bars) if (wanted(bar)) collected.push(bar);
      for (const action of page.actions ?? []) if (wanted(action)) actions.push(action);
      name ??= page.name;
      timezone ??= page.timezone;
      request = page.next;
    }
    const bars = await checkBars(collected, ctx, options.signal);
    if (bars.length === 0) {
      const range = query.from || query.to ? ` between ${query.from ?? 'the start'} and ${query.to ?? 'today'}` : '';
      throw providerError(ctx, 'no-data', `no bars${range}`);
    }
    const series: FetchedSeries = { provider: adapter.id, symbol: query.symbol, bars, adjustment: adapter.adjustment };
    if (name !== undefined) series.name = name;
    if (timezone !== undefined) series.timezone = timezone;
    if (actions.length > 0) series.actions = actions;
    return series;
  } catch (error) {
    // The key may be in a URL quoted by a message (an adapter's or the shell's): it never leaves this function.
    if (error instanceof ProviderError) throw new ProviderError(error.kind, error.provider, error.symbol, redactKey(error.message, query.apiKey), error.retryAfterMs);
    if (error instanceof Error && !(error instanceof CancelledError)) error.message = redactKey(error.message, query.apiKey);
    throw error;
  }
}

/**
 * Market-data providers: the registry, the fetch driver and what the shells need around them.
 *   const adapter = getProvider('yahoo');
 *   const series = await fetchBars(adapter, { symbol: 'AAPL', from: '2024-01-01' }, httpGet, { signal });
 */
import { yahoo } from './yahoo';
import { stooq } from './stooq';
import { url } from './url';
import type { ProviderAdapter, ProviderId } from './types';

export * from './types';
export { fetchBars, sleep, type FetchBarsOptions } from './fetch-bars';
export { describeProviderError, type Shell } from './advice';
export { redactKey } from './redact';
export { parseTickers } from './tickers';
export { tradingDate } from './trading-date';
export { FEED_FORMAT, FEED_VERSION, feedFileName, parseManifest, type FeedEntry, type FeedManifest } from './manifest';

/** In menu order: no key first, then keyed providers, then the user's own files. */
export const PROVIDERS: readonly ProviderAdapter[] = [yahoo, stooq, url];

export function getProvider(id: string): ProviderAdapter | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

/**
 * Market-data providers: the registry, the fetch driver and what the shells need around them.
 *   const adapter = getProvider('yahoo');
 *   const series = await fetchBars(adapter, { symbol: 'AAPL', from: '2024-01-01' }, httpGet, { signal });
 */
export * from './types';
export { fetchBars, sleep, type FetchBarsOptions } from './fetch-bars';
export { describeProviderError, type Shell } from './advice';
export { redactKey } from './redact';
export { parseTickers } from './tickers';
export { tradingDate } from './trading-date';
export { FEED_FILE_NAME, FEED_FORMAT, FEED_VERSION, feedFileName, parseManifest, type FeedEntry, type FeedManifest } from './manifest';
export { getProvider, PROVIDERS, suggestedProvider } from './registry';

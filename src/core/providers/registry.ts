/** Every provider, in menu order: no key first, then keyed providers with free plans, then the user's own files. */
import { alphavantage } from './alphavantage';
import { finnhub } from './finnhub';
import { fmp } from './fmp';
import { polygon } from './polygon';
import { stooq } from './stooq';
import { tiingo } from './tiingo';
import { twelvedata } from './twelvedata';
import { url } from './url';
import { yahoo } from './yahoo';
import type { ProviderAdapter } from './types';

export const PROVIDERS: readonly ProviderAdapter[] = [yahoo, tiingo, alphavantage, polygon, fmp, twelvedata, finnhub, stooq, url];

export function getProvider(id: string): ProviderAdapter | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

/**
 * The provider Get prices starts on, so a first fetch can work: one the user saved a key for (one that
 * works straight from a browser first); else Yahoo when a CORS proxy is set (no key needed); else the
 * first that works from a browser, whose form then asks for its (free) key. Yahoo without a proxy is
 * never the default: browsers are refused.
 */
export function suggestedProvider(options: { savedKeys: readonly string[]; proxySet: boolean }, adapters: readonly ProviderAdapter[] = PROVIDERS): ProviderAdapter {
  const keyed = adapters.filter((p) => p.key !== 'none' && options.savedKeys.includes(p.id));
  const usable = (p: ProviderAdapter) => options.proxySet || p.browser !== 'proxy';
  return keyed.find((p) => p.browser === 'direct') ?? keyed.find(usable)
    ?? (options.proxySet ? adapters.find((p) => p.key === 'none' && p.id !== 'url') : undefined)
    ?? adapters.find((p) => p.browser === 'direct') ?? adapters[0];
}

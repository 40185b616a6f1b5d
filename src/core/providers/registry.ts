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

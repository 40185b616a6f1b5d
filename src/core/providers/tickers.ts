/** The tickers a user typed or pasted: separated by commas, spaces, semicolons or new lines. */
import type { ProviderAdapter } from './types';

/** Tickers in the order typed, each once, upper-cased unless the provider keeps them as typed. */
export function parseTickers(text: string, adapter?: Pick<ProviderAdapter, 'symbolCase'>): string[] {
  const keep = adapter?.symbolCase === 'as-typed';
  const seen = new Set<string>();
  for (const token of text.split(/[\s,;]+/)) {
    const ticker = keep ? token : token.toUpperCase();
    if (ticker !== '') seen.add(ticker);
  }
  return [...seen];
}

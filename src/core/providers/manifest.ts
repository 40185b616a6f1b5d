/**
 * The price feed published next to the site (`data/manifest.json`, written by the CLI `fetch --watchlist`):
 * which symbols there are, in which file, from which provider, and how fresh. The app reads its own origin's
 * manifest with `parseManifest` and imports or refreshes those symbols.
 */
import { array, isoDate, number, object, oneOf, optional, parseJson, string, validate, type Infer, type ValidationResult } from '../validate';
import { symbolName } from '../validate/shapes';
import { PRICE_ADJUSTMENTS, PROVIDER_IDS } from './types';

export const FEED_FORMAT = 'quant-lens/feed' as const;
export const FEED_VERSION = 1 as const;

/** A file name next to the manifest: no directories, no leading dot, ends in `.json` (the Pages workflow uses the same rule). */
export const FEED_FILE_NAME = /^[A-Za-z0-9^=_-][A-Za-z0-9.^=_-]{0,63}\.json$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const entryFields = {
  symbol: symbolName(),
  name: optional(string({ maxLength: 200 })),
  file: string({ pattern: FEED_FILE_NAME, patternName: 'a file name such as AAPL.json' }),
  source: oneOf(PROVIDER_IDS),
  adjustment: oneOf(PRICE_ADJUSTMENTS),
  firstDate: isoDate(),
  lastDate: isoDate(),
  bars: number({ integer: true, min: 1 }),
  fetchedAt: string({ pattern: TIMESTAMP, patternName: 'a UTC time such as 2026-01-02T21:30:00Z' }),
};

const manifestSchema = object({
  format: oneOf([FEED_FORMAT]),
  version: oneOf([FEED_VERSION]),
  generatedAt: string({ pattern: TIMESTAMP, patternName: 'a UTC time such as 2026-01-02T21:30:00Z' }),
  entries: array(object(entryFields), { maxLength: 5000 }),
});

export type FeedManifest = Infer<typeof manifestSchema>;
export type FeedEntry = FeedManifest['entries'][number];

/** File of a symbol in the feed: `BRK.B` -> `BRK.B.json`, `EURUSD=X` kept, `/` and `:` become `_`. */
export function feedFileName(symbol: string): string {
  return `${symbol.replace(/[^A-Za-z0-9.^=_-]/g, '_').replace(/^\./, '_')}.json`;
}

/**
 * The manifest (its text, or the value `response.json()` gave), checked field by field; also refuses a symbol
 * listed twice and dates out of order.
 */
export function parseManifest(input: string | unknown): ValidationResult<FeedManifest> {
  const options = { root: 'manifest' };
  const result = typeof input === 'string' ? parseJson(input, manifestSchema, options) : validate(manifestSchema, input, options);
  if (!result.ok) return result;
  const seen = new Set<string>();
  const errors = result.value.entries.flatMap((entry, i) => {
    const at = `manifest.entries[${i}]`;
    const found = [];
    if (seen.has(entry.symbol)) found.push({ path: `${at}.symbol`, message: `${entry.symbol} is listed twice` });
    seen.add(entry.symbol);
    if (entry.firstDate > entry.lastDate) found.push({ path: `${at}.lastDate`, message: `lastDate ${entry.lastDate} is before firstDate ${entry.firstDate}` });
    return found;
  });
  return errors.length > 0 ? { ok: false, errors } : result;
}

// The registry and the helpers the shells use: tickers typed by users, key redaction, error advice, the feed manifest.
import { describe, expect, it } from 'vitest';
import { describeProviderError, feedFileName, getProvider, parseManifest, parseTickers, PROVIDERS, ProviderError, redactKey, suggestedProvider } from '../../../src/core/providers';
import { CancelledError } from '../../../src/core/jobs/progress';

describe('provider registry', () => {
  it('lists every provider once, with a label, docs and, for keyed ones, an environment variable', () => {
    expect(PROVIDERS.map((p) => p.id)).toEqual(['yahoo', 'tiingo', 'alphavantage', 'polygon', 'fmp', 'twelvedata', 'finnhub', 'stooq', 'url']);
    for (const p of PROVIDERS) {
      expect(getProvider(p.id)).toBe(p);
      expect(p.docsUrl).not.toBe('');
      if (p.key === 'required') expect(p.keyEnv).toMatch(/^QL_[A-Z]+_KEY$/);
    }
    expect(getProvider('nope')).toBeUndefined();
  });
});

describe('parseTickers', () => {
  it('splits on commas, spaces, semicolons and new lines, upper-cases and removes repeats', () => {
    expect(parseTickers(' aapl, MSFT;spy\n\tBRK-B  aapl,,\r\nair.nz ')).toEqual(['AAPL', 'MSFT', 'SPY', 'BRK-B', 'AIR.NZ']);
    expect(parseTickers('spy Spy', getProvider('url'))).toEqual(['spy', 'Spy']);
    expect(parseTickers('  ')).toEqual([]);
  });
});

describe('redactKey', () => {
  it('replaces the key as typed and URL-encoded', () => {
    expect(redactKey('a=k/y+1&b=k%2Fy%2B1', 'k/y+1')).toBe('a=***&b=***');
    expect(redactKey('nothing to hide', undefined)).toBe('nothing to hide');
  });
});

describe('describeProviderError', () => {
  it('gives the way out that fits the shell', () => {
    const blocked = new ProviderError('blocked', 'yahoo', 'AAPL', 'Failed to fetch');
    const browser = describeProviderError(blocked, { shell: 'browser' });
    expect(browser).toMatch(/^Yahoo Finance, AAPL: Failed to fetch\. The browser blocked the reply/);
    expect(browser).toMatch(/CORS proxy URL prefix/);
    expect(browser).toMatch(/GitHub Pages feed/);
    expect(browser).toMatch(/npm run -s cli -- fetch --provider yahoo/);
    expect(describeProviderError(new ProviderError('bad-key', 'tiingo', 'AAPL', 'Invalid token.'), { shell: 'cli' })).toMatch(/--api-key or QL_TIINGO_KEY/);
  });

  it('has advice for every kind and passes other errors through', () => {
    const kinds = ['blocked', 'offline', 'bad-key', 'rate-limited', 'unknown-symbol', 'premium', 'no-data', 'malformed', 'http'] as const;
    const texts = kinds.map((kind) => describeProviderError(new ProviderError(kind, 'tiingo', 'X', 'why'), { shell: 'browser' }));
    expect(new Set(texts).size).toBe(kinds.length);
    expect(describeProviderError(new CancelledError(), { shell: 'cli' })).toBe('Cancelled');
  });
});

describe('feed manifest', () => {
  const entry = { symbol: 'AAPL', file: 'AAPL.json', source: 'yahoo', adjustment: 'splits', firstDate: '1980-12-12', lastDate: '2026-12-04', bars: 11600, fetchedAt: '2026-12-04T21:40:12.345Z' };
  const manifest = (entries: unknown[]) => JSON.stringify({ format: 'quant-lens/feed', version: 1, generatedAt: '2026-12-04T21:41:00Z', entries });

  it('accepts a valid manifest', () => {
    const result = parseManifest(manifest([entry, { ...entry, symbol: 'BRK.B', file: 'BRK.B.json', name: 'Berkshire' }]));
    expect(result.ok && result.value.entries.map((e) => e.symbol)).toEqual(['AAPL', 'BRK.B']);
    expect(parseManifest(JSON.parse(manifest([entry])))).toEqual(parseManifest(manifest([entry])));
  });

  it('refuses paths outside the feed, unknown providers, repeated symbols and reversed dates, naming the field', () => {
    const bad = (e: object) => {
      const r = parseManifest(manifest([e]));
      return r.ok ? 'ok' : r.errors.map((x) => `${x.path}: ${x.message}`).join('; ');
    };
    expect(bad({ ...entry, file: '../secrets.json' })).toMatch(/entries\[0\]\.file: expected a file name/);
    expect(bad({ ...entry, file: 'https://evil.example/x.json' })).toMatch(/entries\[0\]\.file/);
    expect(bad({ ...entry, source: 'bloomberg' })).toMatch(/entries\[0\]\.source/);
    expect(bad({ ...entry, lastDate: '1970-01-01' })).toMatch(/lastDate 1970-01-01 is before firstDate/);
    const twice = parseManifest(manifest([entry, entry]));
    expect(twice.ok ? '' : twice.errors[0].message).toMatch(/AAPL is listed twice/);
    expect(parseManifest('{"format":"quant-lens/bars","version":1}').ok).toBe(false);
    expect(parseManifest('not json').ok).toBe(false);
  });

  it('names feed files after the symbol, safely', () => {
    expect([feedFileName('AAPL'), feedFileName('BRK.B'), feedFileName('^GSPC'), feedFileName('BTC/USD'), feedFileName('.X')]).toEqual(['AAPL.json', 'BRK.B.json', '^GSPC.json', 'BTC_USD.json', '_X.json']);
  });
});

describe('the provider Get prices starts on', () => {
  const pick = (savedKeys: string[], proxySet: boolean) => suggestedProvider({ savedKeys, proxySet }).id;
  it('never Yahoo without a CORS proxy (browsers are refused); the first provider that works from a browser', () => {
    expect(pick([], false)).toBe('fmp');
    expect(PROVIDERS.filter((p) => p.browser === 'direct').map((p) => p.id)).toEqual(['fmp', 'finnhub']);
  });
  it('Yahoo (no key) once a proxy is set; a provider with a saved key first, browser-direct ones before the rest', () => {
    expect(pick([], true)).toBe('yahoo');
    expect(pick(['tiingo'], false)).toBe('tiingo'); // the user saved its key: they mean to use it
    expect(pick(['tiingo'], true)).toBe('tiingo');
    expect(pick(['tiingo', 'finnhub'], true)).toBe('finnhub');
  });
});

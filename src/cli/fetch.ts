/**
 * `fetch --provider NAME --symbol S [--symbol S2 ...] [--from D] [--to D] [--api-key K] [--base-url URL] --out F.json`
 * (DESIGN.md CLI contract): daily bars from a data provider, written as the same `quant-lens/bars` JSON as
 * `import` (each series also says where it came from). All symbols or nothing: when one fails (unknown symbol,
 * bad key...) nothing is written and the exit code is 2, with a message naming provider and symbol.
 * `fetch --provider NAME --watchlist FILE --out-dir DIR` publishes a feed instead (see feed.ts).
 * The key is never printed: messages go through `redactKey`.
 */
import { writeFile } from 'node:fs/promises';
import { exportDocument } from '../core/data/export';
import { describeProviderError, fetchBars, getProvider, PROVIDERS, type FetchQuery, type FetchedSeries, type ProviderAdapter } from '../core/providers';
import { CliError, parseArgs, requireOption, type ParsedArgs } from './args';
import { publishFeed } from './feed';
import { nodeHttpGet } from './http-get';

const USAGE = `usage: fetch --provider NAME --symbol S [--symbol S2 ...] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
             [--api-key K] [--base-url URL] [--url TEMPLATE] --out F.json
       fetch --provider NAME --watchlist FILE --out-dir DIR [same options]   (the GitHub Pages feed)
Daily bars from a data provider, written as quant-lens/bars JSON (the same as import).
  --provider   ${PROVIDERS.map((p) => p.id).join(', ')}
  --api-key    the provider's key; or set ${PROVIDERS.filter((p) => p.keyEnv).map((p) => p.keyEnv).join(', ')} (or QL_API_KEY for any)
  --base-url   replaces the provider's scheme and host (a mirror, a test server)
  --url        for --provider url: the file address with {symbol}, e.g. https://example.org/prices/{symbol}.csv
  --from/--to  inclusive exchange trading dates; default: all history up to today
  --watchlist  a file of tickers (one or more per line, # comments); writes DIR/<SYMBOL>.json and DIR/manifest.json`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The adapter, checked options and key shared by one-off fetches and the feed. */
export interface FetchSetup {
  adapter: ProviderAdapter;
  base: Omit<FetchQuery, 'symbol'>;
}

function setup(args: ParsedArgs): FetchSetup {
  const adapter = getProvider(requireOption(args, 'provider'));
  if (!adapter) throw new CliError(`unknown provider "${args.values.provider}" (providers: ${PROVIDERS.map((p) => p.id).join(', ')})`);
  for (const name of ['from', 'to']) {
    if (args.values[name] !== undefined && !DATE.test(args.values[name])) throw new CliError(`--${name} expects a date YYYY-MM-DD, got "${args.values[name]}"`);
  }
  const apiKey = args.values['api-key'] ?? (adapter.keyEnv ? process.env[adapter.keyEnv] : undefined) ?? process.env.QL_API_KEY;
  if (adapter.key === 'required' && !apiKey) throw new CliError(`${adapter.label} needs an API key: --api-key K, or the environment variable ${adapter.keyEnv ?? 'QL_API_KEY'}`);
  if (adapter.id === 'url' && !args.values.url) throw new CliError('--provider url needs --url with a {symbol} placeholder, e.g. https://example.org/prices/{symbol}.csv');
  const base: FetchSetup['base'] = {};
  if (args.values.from) base.from = args.values.from;
  if (args.values.to) base.to = args.values.to;
  if (apiKey) base.apiKey = apiKey;
  if (args.values['base-url']) base.baseUrl = args.values['base-url'];
  if (args.values.url) base.url = args.values.url;
  return { adapter, base };
}

/** One symbol, telling stderr about rate-limit waits. Provider errors become one line of advice (no stack, no key). */
export async function fetchOne({ adapter, base }: FetchSetup, symbol: string): Promise<FetchedSeries> {
  try {
    return await fetchBars(adapter, { ...base, symbol }, nodeHttpGet, {
      onRetry: (waitMs, attempt) => process.stderr.write(`fetch: ${adapter.id} ${symbol}: rate limited, retry ${attempt}/${adapter.rateLimit.retries} in ${Math.ceil(waitMs / 1000)} s\n`),
    });
  } catch (error) {
    throw new CliError(describeProviderError(error, { shell: 'cli', adapter }));
  }
}

export const summary = (s: FetchedSeries) => `${s.symbol} ${s.bars.length} bars ${s.bars[0].date}..${s.bars.at(-1)!.date}`;

/** The export document of fetched series, each with its source (provider, adjustment, zone, time of fetch). */
export function barsDocument(fetched: readonly FetchedSeries[], fetchedAt: string) {
  const document = exportDocument(fetched);
  return {
    ...document,
    series: document.series.map((s, i) => ({
      ...s,
      source: { provider: fetched[i].provider, adjustment: fetched[i].adjustment, fetchedAt, ...(fetched[i].timezone ? { timezone: fetched[i].timezone } : {}) },
    })),
  };
}

export async function run(argv: string[]): Promise<void> {
  const options = ['provider', 'symbol', 'from', 'to', 'api-key', 'base-url', 'url', 'out', 'watchlist', 'out-dir'];
  const args = parseArgs(argv, { options, usage: USAGE });
  const fetch = setup(args);
  if (args.values.watchlist !== undefined || args.values['out-dir'] !== undefined) {
    if (args.values.symbol !== undefined || args.values.out !== undefined) throw new CliError('--watchlist/--out-dir publish a feed; use --symbol/--out for a single file, not both');
    await publishFeed(fetch, requireOption(args, 'watchlist'), requireOption(args, 'out-dir'));
    return;
  }
  const symbols = [...new Set(args.all.symbol ?? [])];
  if (symbols.length === 0) throw new CliError('missing required option --symbol');
  const out = requireOption(args, 'out');
  const fetched: FetchedSeries[] = [];
  for (const symbol of symbols) fetched.push(await fetchOne(fetch, symbol));
  await writeFile(out, JSON.stringify(barsDocument(fetched, new Date().toISOString()), null, 1) + '\n');
  process.stderr.write(`fetch: ${fetch.adapter.id} -> ${out}: ${fetched.map(summary).join('; ')}; prices adjusted: ${fetch.adapter.adjustment}\n`);
}

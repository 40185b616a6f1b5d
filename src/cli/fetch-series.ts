/**
 * What `fetch` and the feed share: the provider, dates and key from the command line, one symbol's fetch with
 * its messages (rate-limit waits on stderr; failures as one line of advice, never a stack or the key), and the
 * output document.
 */
import { exportDocument } from '../core/data/export';
import { assessQuality } from '../core/data/quality';
import { describeProviderError, fetchBars, getProvider, PROVIDERS, type FetchQuery, type FetchedSeries, type ProviderAdapter } from '../core/providers';
import { CliError, requireOption, type ParsedArgs } from './args';
import { nodeHttpGet } from './http-get';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The adapter, checked options and key shared by one-off fetches and the feed. */
export interface FetchSetup {
  adapter: ProviderAdapter;
  base: Omit<FetchQuery, 'symbol'>;
}

export function setup(args: ParsedArgs): FetchSetup {
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
    throw new CliError(describeProviderError(error, { shell: 'cli' }));
  }
}

/** `AAPL 252 bars 2024-01-02..2024-12-31 quality good`, from one series of a {@link barsDocument}. */
export const summary = (s: BarsDocument['series'][number]) => `${s.symbol} ${s.bars.length} bars ${s.bars[0].date}..${s.bars.at(-1)!.date} quality ${s.quality.summary.level}`;

/**
 * The export document of fetched series, each with its source (provider, adjustment, zone, time of fetch) and,
 * like `import`, its data-quality report.
 */
export function barsDocument(fetched: readonly FetchedSeries[], fetchedAt: string) {
  const document = exportDocument(fetched);
  return {
    ...document,
    series: document.series.map((s, i) => ({
      ...s,
      quality: assessQuality(fetched[i].bars),
      source: { provider: fetched[i].provider, adjustment: fetched[i].adjustment, fetchedAt, ...(fetched[i].timezone ? { timezone: fetched[i].timezone } : {}) },
    })),
  };
}

export type BarsDocument = ReturnType<typeof barsDocument>;

/**
 * `fetch --provider NAME --symbol S [--symbol S2 ...] [--from D] [--to D] [--api-key K] [--base-url URL] --out F.json`
 * (DESIGN.md CLI contract): daily bars from a data provider, written as the same `quant-lens/bars` JSON as
 * `import` (each series also says where it came from). All symbols or nothing: when one fails (unknown symbol,
 * bad key...) nothing is written and the exit code is 2, with a message naming provider and symbol.
 * `fetch --provider NAME --watchlist FILE --out-dir DIR` publishes a feed instead (see feed.ts).
 * The key is never printed: messages go through `redactKey`.
 */
import { writeFile } from 'node:fs/promises';
import { PROVIDERS, type FetchedSeries } from '../core/providers';
import { CliError, parseArgs, requireOption } from './args';
import { publishFeed } from './feed';
import { barsDocument, fetchOne, setup, summary } from './fetch-series';

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
  const document = barsDocument(fetched, new Date().toISOString());
  await writeFile(out, JSON.stringify(document, null, 1) + '\n');
  process.stderr.write(`fetch: ${fetch.adapter.id} -> ${out}: ${document.series.map(summary).join('; ')}; prices adjusted: ${fetch.adapter.adjustment}\n`);
}

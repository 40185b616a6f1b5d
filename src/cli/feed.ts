/**
 * The price feed for a GitHub Pages site: every ticker of a watch list fetched into `<dir>/<SYMBOL>.json`
 * (quant-lens/bars) plus `<dir>/manifest.json` (src/core/providers/manifest.ts). A symbol that fails keeps its
 * previous file and manifest entry, so the site keeps its last good data; the run fails (exit 2) only when
 * every symbol failed. Symbols taken off the watch list leave the manifest and their files are deleted. Files are
 * written to a temporary name and renamed, so a reader never sees half a file.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FEED_FORMAT, FEED_VERSION, feedFileName, parseManifest, parseTickers, type FeedEntry, type FeedManifest, type ProviderAdapter } from '../core/providers';
import { formatIssues } from '../core/validate';
import { CliError } from './args';
import { barsDocument, fetchOne, summary, type FetchSetup } from './fetch-series';

async function writeAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

/** Tickers of a watch list: separated by spaces, commas or new lines; `#` starts a comment. */
export function readWatchlist(text: string, adapter?: ProviderAdapter): string[] {
  return parseTickers(text.split('\n').map((line) => line.replace(/#.*/, '')).join('\n'), adapter);
}

async function previousEntries(manifestPath: string): Promise<Map<string, FeedEntry>> {
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    return new Map();
  }
  const previous = parseManifest(text);
  if (!previous.ok) {
    process.stderr.write(`fetch: ignoring the previous ${manifestPath}: ${formatIssues(previous.errors)}\n`);
    return new Map();
  }
  return new Map(previous.value.entries.map((e) => [e.symbol, e]));
}

export async function publishFeed(setup: FetchSetup, watchlistPath: string, dir: string): Promise<void> {
  let symbols: string[];
  try {
    symbols = readWatchlist(await readFile(watchlistPath, 'utf8'), setup.adapter);
  } catch (error) {
    throw new CliError(`cannot read the watch list ${watchlistPath}: ${(error as Error).message}`);
  }
  if (symbols.length === 0) throw new CliError(`the watch list ${watchlistPath} names no tickers`);
  await mkdir(dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const previous = await previousEntries(manifestPath);
  const entries: FeedEntry[] = [];
  const failed: string[] = [];
  let kept = 0;
  for (const symbol of symbols) {
    try {
      const series = await fetchOne(setup, symbol);
      const fetchedAt = new Date().toISOString();
      const file = feedFileName(symbol);
      const document = barsDocument([series], fetchedAt);
      await writeAtomically(join(dir, file), JSON.stringify(document) + '\n');
      const entry: FeedEntry = {
        symbol, file, source: series.provider, adjustment: series.adjustment,
        firstDate: series.bars[0].date, lastDate: series.bars.at(-1)!.date, bars: series.bars.length, fetchedAt,
      };
      if (series.name !== undefined) entry.name = series.name;
      entries.push(entry);
      process.stderr.write(`fetch: ${setup.adapter.id} ${summary(document.series[0])} -> ${join(dir, file)}\n`);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      failed.push(symbol);
      const old = previous.get(symbol);
      if (old) {
        entries.push(old);
        kept++;
      }
      process.stderr.write(`fetch: ${error.message}${old ? ` Keeping the previous data (to ${old.lastDate}).` : ''}\n`);
    }
  }
  for (const [symbol, old] of previous) if (!symbols.includes(symbol)) await rm(join(dir, old.file), { force: true });
  const manifest: FeedManifest = { format: FEED_FORMAT, version: FEED_VERSION, generatedAt: new Date().toISOString(), entries };
  await writeAtomically(manifestPath, JSON.stringify(manifest, null, 1) + '\n');
  const line = `${symbols.length - failed.length} of ${symbols.length} symbols updated, ${kept} kept from before${failed.length ? ` (failed: ${failed.join(', ')})` : ''} -> ${manifestPath}`;
  if (failed.length === symbols.length) throw new CliError(`feed: every symbol failed; ${line}`);
  process.stderr.write(`fetch: feed ${line}\n`);
}

/**
 * This site's published price feed (`data/manifest.json` next to the app, written by the scheduled GitHub
 * Actions workflow): same origin, so no CORS and no key. New symbols are imported, symbols of the feed whose
 * manifest `lastDate` is newer than the stored one are refreshed with the same overlap check as a provider
 * refresh. A symbol the user got elsewhere (a file, a provider) is left alone; the demo copy is replaced.
 * The forecasts published with the feed (`data/forecasts.json`) replace the stored published ones.
 */
import { overlapStart } from '../../src/core/data/refresh-overlap';
import { parseImportFile } from '../../src/core/data/parse';
import { getProvider, parseManifest, type FeedEntry } from '../../src/core/providers';
import { parsePublishedForecasts, PUBLISHED_FORECASTS_FILE } from '../../src/core/forecast/published';
import { formatIssues } from '../../src/core/validate/schema';
import { getSymbol } from '../../src/store/bars';
import { replacePublishedForecasts } from '../../src/store/published-forecasts';
import type { QuantDb, SymbolInfo } from '../../src/store/db';
import { writeFetchedSymbol, type FetchedItem } from '../../src/store/fetched-symbols';
import { isDemoSymbol } from '../../src/store/demo-symbols';
import { failedResult, writtenResult, type Step, type SymbolResult } from './fetch-results';

export type FeedOutcome =
  /** No feed published here (404), or the site could not be reached: a quiet note, not an error. */
  | { status: 'absent'; note: string }
  | { status: 'loaded'; listed: string[]; results: SymbolResult[] };

/** The feed's manifest, or `absent`; a malformed manifest throws an error that says what is wrong. */
async function readManifest(manifestUrl: string, signal: AbortSignal): Promise<{ entries: FeedEntry[] } | { absent: string }> {
  let response: Response;
  try {
    response = await fetch(manifestUrl, { signal, cache: 'no-cache' });
  } catch (error) {
    if (signal.aborted) throw error;
    return { absent: 'the site could not be reached (offline?), so its data feed was not checked' };
  }
  if (response.status === 404) return { absent: 'this site publishes no data feed (data/manifest.json not found)' };
  if (!response.ok) throw new Error(`data/manifest.json: HTTP ${response.status} from this site`);
  const parsed = parseManifest(await response.text());
  if (!parsed.ok) throw new Error(`data/manifest.json is malformed, nothing was imported: ${formatIssues(parsed.errors)}`);
  return { entries: parsed.value.entries };
}

/** Why the feed leaves a stored symbol alone, or undefined when the feed may write it. */
function keptReason(info: SymbolInfo | undefined): string | undefined {
  if (!info || info.fetchSource?.provider === 'feed' || isDemoSymbol(info)) return undefined;
  return `kept your own copy (${info.source}); the site feed also publishes ${info.symbol}`;
}

async function readFeedFile(entry: FeedEntry, manifestUrl: string, signal: AbortSignal) {
  const response = await fetch(new URL(entry.file, manifestUrl), { signal, cache: 'no-cache' });
  if (!response.ok) throw new Error(`data/${entry.file}: HTTP ${response.status} from this site`);
  const parsed = await parseImportFile({ name: entry.file, bytes: new Uint8Array(await response.arrayBuffer()) }, { symbol: entry.symbol }, { signal });
  const error = parsed.problems.find((p) => p.severity === 'error');
  if (!parsed.ok) throw new Error(`data/${entry.file}: ${error?.message ?? 'not a price file'}`);
  const series = parsed.symbols.find((s) => s.symbol === entry.symbol) ?? (parsed.symbols.length === 1 ? parsed.symbols[0] : undefined);
  if (!series) throw new Error(`data/${entry.file}: has no bars of ${entry.symbol}`);
  return series;
}

/** A feed symbol already stored up to the manifest's last date. */
const isCurrent = (info: SymbolInfo | undefined, entry: FeedEntry) => info?.fetchSource?.provider === 'feed' && info.lastDate >= entry.lastDate;

async function loadEntry(db: QuantDb, entry: FeedEntry, manifestUrl: string, signal: AbortSignal): Promise<SymbolResult | undefined> {
  const info = await getSymbol(db, entry.symbol);
  const kept = keptReason(info);
  if (kept) return { symbol: entry.symbol, status: 'skipped', added: 0, message: kept };
  if (isCurrent(info, entry)) return undefined; // nothing to say
  try {
    const series = await readFeedFile(entry, manifestUrl, signal);
    const item: FetchedItem = {
      symbol: entry.symbol,
      name: entry.name ?? series.name,
      sourceLabel: `site feed (${getProvider(entry.source)?.label ?? entry.source})`,
      fetchSource: { provider: 'feed', ticker: entry.symbol, adjustment: entry.adjustment, fetchedAt: entry.fetchedAt, lastCheckedAt: new Date().toISOString() },
      bars: series.bars,
    };
    if (info?.fetchSource?.provider === 'feed') {
      const from = overlapStart(info.lastDate);
      const write = await writeFetchedSymbol(db, { ...item, bars: series.bars.filter((b) => b.date >= from) }, 'refresh');
      if (write.status === 'written') return writtenResult(entry.symbol, write, 'updated', `${write.added} new bar${write.added === 1 ? '' : 's'}, up to ${write.lastDate}`);
    }
    const replaced = await writeFetchedSymbol(db, item, 'replace');
    if (replaced.status !== 'written') throw new Error('unexpected outcome of a replace');
    const why = info?.fetchSource ? 'history re-adjusted by the provider (split or dividend since the last fetch); replaced' : info ? 'replaced the demo copy with' : 'imported';
    return writtenResult(entry.symbol, replaced, info ? 'replaced' : 'added', `${why} ${replaced.barCount.toLocaleString('en-US')} bars, ${replaced.firstDate} to ${replaced.lastDate}`);
  } catch (error) {
    return failedResult(entry.symbol, error, undefined);
  }
}

export type FeedPlan =
  | Extract<FeedOutcome, { status: 'absent' }>
  /** `toLoad`: symbols to import or update; `kept`: stored from elsewhere, left alone. */
  | { status: 'listed'; listed: string[]; toLoad: string[]; kept: string[] };

/**
 * What the feed would change, without writing: the app checks this on every open and starts a job (with a
 * tray entry) only when there is something to load.
 */
export async function planSiteFeed(db: QuantDb, manifestUrl: string, signal: AbortSignal): Promise<FeedPlan> {
  const manifest = await readManifest(manifestUrl, signal);
  if ('absent' in manifest) return { status: 'absent', note: manifest.absent };
  const infos = await Promise.all(manifest.entries.map((e) => getSymbol(db, e.symbol)));
  const kept = manifest.entries.filter((_, i) => keptReason(infos[i]) !== undefined).map((e) => e.symbol);
  const toLoad = manifest.entries.filter((e, i) => keptReason(infos[i]) === undefined && !isCurrent(infos[i], e)).map((e) => e.symbol);
  return { status: 'listed', listed: manifest.entries.map((e) => e.symbol), toLoad, kept };
}

/** Imports and refreshes every symbol of the feed (or only `only`), one transaction per symbol. */
export async function loadSiteFeed(db: QuantDb, manifestUrl: string, step: Step, only?: readonly string[]): Promise<FeedOutcome> {
  const manifest = await readManifest(manifestUrl, step.signal);
  if ('absent' in manifest) return { status: 'absent', note: manifest.absent };
  const entries = only ? manifest.entries.filter((e) => only.includes(e.symbol)) : manifest.entries;
  const results: SymbolResult[] = [];
  for (const [i, entry] of entries.entries()) {
    step.onProgress?.({ status: 'progress', done: step.done + i, total: step.total || entries.length, unit: 'symbols', message: `${entry.symbol} from the site feed` });
    const result = await loadEntry(db, entry, manifestUrl, step.signal);
    if (result) results.push(result);
  }
  return { status: 'loaded', listed: manifest.entries.map((e) => e.symbol), results };
}

/** Refresh of feed symbols (Refresh / Refresh all): the manifest is read again; a symbol it no longer lists says so. */
export async function refreshFromFeed(db: QuantDb, manifestUrl: string, symbols: readonly string[], step: Step): Promise<SymbolResult[]> {
  const outcome = await loadSiteFeed(db, manifestUrl, step, symbols);
  if (outcome.status === 'absent') return symbols.map((symbol) => ({ symbol, status: 'failed', added: 0, message: `the site feed is gone: ${outcome.note}`, problem: 'other' }));
  return symbols.map((symbol): SymbolResult =>
    outcome.results.find((r) => r.symbol === symbol) ??
    (outcome.listed.includes(symbol)
      ? { symbol, status: 'up-to-date', added: 0, message: 'up to date with the site feed' }
      : { symbol, status: 'failed', added: 0, message: 'the site feed no longer publishes this symbol', problem: 'other' }));
}

export type PublishedForecastsOutcome =
  /** No forecasts published here (404), or the site could not be reached: stored ones stay as they are. */
  | { status: 'absent' }
  | { status: 'loaded'; model: string; symbols: string[]; changed: boolean };

/**
 * The site's `data/forecasts.json` (next to the manifest), stored in place of the previous published forecasts in
 * one transaction. A malformed file throws an error that says what is wrong, and nothing changes.
 */
export async function loadPublishedForecasts(db: QuantDb, manifestUrl: string, signal: AbortSignal): Promise<PublishedForecastsOutcome> {
  let response: Response;
  try {
    response = await fetch(new URL(PUBLISHED_FORECASTS_FILE, manifestUrl), { signal, cache: 'no-cache' });
  } catch (error) {
    if (signal.aborted) throw error;
    return { status: 'absent' };
  }
  if (response.status === 404) return { status: 'absent' };
  if (!response.ok) throw new Error(`data/${PUBLISHED_FORECASTS_FILE}: HTTP ${response.status} from this site`);
  const parsed = parsePublishedForecasts(await response.text());
  if (!parsed.ok) throw new Error(`data/${PUBLISHED_FORECASTS_FILE} is malformed, the published forecasts were not changed: ${formatIssues(parsed.errors)}`);
  const changed = await replacePublishedForecasts(db, parsed.value);
  return { status: 'loaded', model: parsed.value.model.label, symbols: parsed.value.forecasts.map((f) => f.symbol), changed };
}

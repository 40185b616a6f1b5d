/**
 * The page side of getting and refreshing prices: each call runs as a job in the tray (progress per symbol,
 * Cancel) in the compute worker. Per-symbol failures are results, not job failures; they are also shown
 * as one error toast so they cannot go unnoticed. The page never sees an API key it did not type.
 */
import { proxy } from 'comlink';
import { writable } from 'svelte/store';
import { notifySymbolsChanged } from '../../store/events';
import type { FeedOutcome, FeedPlan, PriceRequest, PublishedForecastsOutcome, SymbolResult } from '../../../workers/compute/fetch';
import { runJob } from '../lib/jobs';
import { errorDetails, toast } from '../lib/toasts';
import { computeWorker } from '../lib/workers';

export type { PriceRequest, SymbolResult };

const cancel = (jobId: string) => computeWorker().cancel(jobId);

/** This site's feed manifest, relative to the app's base URL (works under a GitHub Pages sub-path). */
export function siteManifestUrl(): string {
  return new URL('data/manifest.json', document.baseURI).href;
}

/** The latest note about the site feed ("no feed here", "3 symbols imported"), shown quietly in the Data tab. */
export const feedNote = writable<string | undefined>();

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A failure in one line that names the symbol (provider errors already start with "Provider, SYMBOL:"). */
const failureLine = (r: SymbolResult) => (r.message.includes(r.symbol) ? r.message : `${r.symbol}: ${r.message}`);

/** One toast for the failures of a multi-symbol job: the first in full, the others under Details. */
function reportFailures(results: readonly SymbolResult[]): void {
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length === 0) return;
  const more = failed.length > 1 ? ` (and ${plural(failed.length - 1, 'more symbol')} failed: see Details)` : '';
  toast('error', `${failureLine(failed[0])}${more}`, failed.length > 1 ? failed.map(failureLine).join('\n') : undefined);
}

function summary(results: readonly SymbolResult[]): string {
  const ok = results.filter((r) => r.status !== 'failed' && r.status !== 'skipped');
  const added = ok.reduce((n, r) => n + r.added, 0);
  const failed = results.length - ok.length;
  return `${plural(ok.length, 'symbol')} done, ${added.toLocaleString('en-US')} bars added${failed ? `, ${failed} not done` : ''}`;
}

/** The job tray's last word on a fetch: failed when no symbol was done, else the summary. */
function fetchOutcome(results: readonly SymbolResult[]): { status: 'done' | 'error'; message: string } {
  const failed = results.filter((r) => r.status === 'failed');
  if (results.length > 0 && failed.length === results.length) {
    return { status: 'error', message: failed.length === 1 ? failureLine(failed[0]) : `all ${failed.length} symbols failed (${failureLine(failed[0])}; ...)` };
  }
  return { status: 'done', message: summary(results) };
}

async function finish(label: string, results: SymbolResult[]): Promise<SymbolResult[]> {
  notifySymbolsChanged();
  reportFailures(results);
  if (results.some((r) => r.status !== 'failed')) toast('success', `${label}: ${summary(results)}`);
  const readjusted = results.filter((r) => r.status === 'replaced' && r.message.startsWith('history re-adjusted'));
  for (const r of readjusted) toast('info', `${r.symbol}: ${r.message}`, undefined, 12_000);
  return results;
}

/** Get prices: fetch and store each ticker. */
export async function getPrices(request: PriceRequest): Promise<SymbolResult[]> {
  const label = request.tickers.length === 1 ? `Get prices of ${request.tickers[0]}` : `Get prices of ${request.tickers.length} symbols`;
  const results = await runJob('download', label, ({ jobId, onProgress }) => computeWorker().fetchPrices(jobId, request, proxy(onProgress)), { cancel, successMessage: false, outcome: fetchOutcome });
  return finish(label, results);
}

/** Refresh the given symbols (every fetched one when empty). */
export async function refreshSymbols(symbols: string[]): Promise<SymbolResult[]> {
  const label = symbols.length === 0 ? 'Refresh all' : symbols.length === 1 ? `Refresh ${symbols[0]}` : `Refresh ${symbols.length} symbols`;
  const results = await runJob('download', label, ({ jobId, onProgress }) => computeWorker().refreshSymbols(jobId, symbols, siteManifestUrl(), proxy(onProgress)), { cancel, successMessage: false, outcome: fetchOutcome });
  return finish(label, results);
}

/** Counts the changes of the stored published forecasts, so the views showing them read them again. */
export const publishedForecastsVersion = writable(0);

/**
 * Reads this site's feed, bars first, then the forecasts published with them (data/forecasts.json), which are
 * drawn over those bars.
 */
export async function loadSiteFeed(): Promise<void> {
  await loadFeedBars();
  await loadPublishedForecasts();
}

/**
 * The published forecasts, quietly: a site without them is normal; a malformed file is an error toast and
 * the stored ones stay.
 */
async function loadPublishedForecasts(): Promise<void> {
  let outcome: PublishedForecastsOutcome;
  try {
    outcome = await computeWorker().loadPublishedForecasts(siteManifestUrl());
  } catch (error) {
    const { message, details } = errorDetails(error);
    toast('error', `This site's published forecasts: ${message}`, details);
    return;
  }
  if (outcome.status === 'loaded' && outcome.changed) publishedForecastsVersion.update((n) => n + 1);
}

/**
 * The feed's bars: the manifest is checked quietly (no job, no tray entry); a job runs only when
 * symbols need importing or updating. Absent is only a note; a malformed manifest is an error toast.
 */
async function loadFeedBars(): Promise<void> {
  const label = "This site's data feed";
  let plan: FeedPlan;
  try {
    plan = await computeWorker().siteFeedPlan(siteManifestUrl());
  } catch (error) {
    const { message, details } = errorDetails(error);
    toast('error', `${label} failed: ${message}`, details);
    return;
  }
  if (plan.status === 'absent') {
    feedNote.set(`Site data feed: ${plan.note}.`);
    return;
  }
  const { listed, toLoad, kept } = plan;
  const keptText = kept.length ? `; your own copy of ${kept.join(', ')} kept` : '';
  if (toLoad.length === 0) {
    feedNote.set(`Site data feed: ${plural(listed.length, 'symbol')} published; everything stored is current${keptText}.`);
    return;
  }
  const outcome = await runJob<FeedOutcome>('download', label, ({ jobId, onProgress }) =>
    computeWorker().loadSiteFeed(jobId, siteManifestUrl(), toLoad, proxy(onProgress)), { cancel, successMessage: false });
  const results = outcome.status === 'loaded' ? outcome.results.filter((r) => r.status !== 'skipped') : [];
  const written = results.filter((r) => r.status !== 'failed').map((r) => r.symbol);
  feedNote.set(`Site data feed: ${plural(listed.length, 'symbol')} published; ${written.length ? `${written.join(', ')} imported or updated` : 'nothing could be loaded'}${keptText}.`);
  if (results.length > 0) await finish(label, results);
}

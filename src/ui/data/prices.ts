/**
 * The page side of getting and refreshing prices: each call runs as a job in the tray (progress per symbol,
 * Cancel) in the compute worker. Per-symbol failures are results, not job failures; they are also shown
 * as one error toast so they cannot go unnoticed. The page never sees an API key it did not type.
 */
import { proxy } from 'comlink';
import { writable } from 'svelte/store';
import { notifySymbolsChanged } from '../../store/events';
import type { FeedOutcome, PriceRequest, SymbolResult } from '../../../workers/compute/fetch';
import { runJob } from '../lib/jobs';
import { toast } from '../lib/toasts';
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
  const results = await runJob('download', label, ({ jobId, onProgress }) => computeWorker().fetchPrices(jobId, request, proxy(onProgress)), { cancel, successMessage: false });
  return finish(label, results);
}

/** Refresh the given symbols (every fetched one when empty). */
export async function refreshSymbols(symbols: string[]): Promise<SymbolResult[]> {
  const label = symbols.length === 0 ? 'Refresh all' : symbols.length === 1 ? `Refresh ${symbols[0]}` : `Refresh ${symbols.length} symbols`;
  const results = await runJob('download', label, ({ jobId, onProgress }) => computeWorker().refreshSymbols(jobId, symbols, siteManifestUrl(), proxy(onProgress)), { cancel, successMessage: false });
  return finish(label, results);
}

/** Reads this site's feed. Absent is only a quiet note; a malformed manifest is an error toast (from runJob). */
export async function loadSiteFeed(): Promise<FeedOutcome> {
  const label = "This site's data feed";
  const outcome = await runJob<FeedOutcome>('download', label, ({ jobId, onProgress }) => computeWorker().loadSiteFeed(jobId, siteManifestUrl(), proxy(onProgress)), { cancel, successMessage: false });
  if (outcome.status === 'absent') {
    feedNote.set(`Site data feed: ${outcome.note}.`);
    return outcome;
  }
  const changed = outcome.results.filter((r) => r.status !== 'skipped' && r.status !== 'failed');
  const kept = outcome.results.filter((r) => r.status === 'skipped').map((r) => r.symbol);
  feedNote.set(`Site data feed: ${plural(outcome.listed.length, 'symbol')} published; ${changed.length ? `${changed.map((r) => r.symbol).join(', ')} imported or updated` : 'everything stored is current'}` +
    `${kept.length ? `; your own copy of ${kept.join(', ')} kept` : ''}.`);
  // Toasts only for news: symbols written or failed (a kept copy is in the note, not repeated on every open).
  const news = outcome.results.filter((r) => r.status !== 'skipped');
  if (news.length > 0) await finish(label, news);
  return outcome;
}

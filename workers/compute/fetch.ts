/**
 * Getting and refreshing prices in the compute worker: the core driver (`fetchBars`) with the browser's
 * HttpGet, each symbol written in its own transaction (src/store/fetched-symbols.ts). API keys are read
 * here from IndexedDB and never cross to the page; every message that leaves goes through `redactKey`.
 */
import type { ProgressListener } from '../../src/core/jobs/progress';
import { overlapStart } from '../../src/core/data/refresh-overlap';
import { fetchBars, getProvider, parseTickers, ProviderError, type FetchQuery, type FetchedSeries, type ProviderAdapter, type ProviderId } from '../../src/core/providers';
import { loadSettingValues } from '../../src/store/app-settings';
import { getSymbol } from '../../src/store/bars';
import { getQuantDb, type FetchSource, type QuantDb, type SymbolInfo } from '../../src/store/db';
import { markSymbolChecked, writeFetchedSymbol, type FetchedItem } from '../../src/store/fetched-symbols';
import { providerKey } from '../../src/store/provider-keys';
import { loadPublishedForecasts, loadSiteFeed, planSiteFeed, refreshFromFeed, type FeedOutcome, type FeedPlan, type PublishedForecastsOutcome } from './feed';
import { browserHttpGet } from './http';
import { failedResult, writtenResult, type Step, type SymbolResult } from './fetch-results';
import { finishJob, startJob } from './jobs';

/** What the user asked for in Get prices. */
export interface PriceRequest {
  provider: ProviderId;
  tickers: string[];
  from?: string;
  to?: string;
  /** Advanced: replaces the provider's scheme and host (a self-hosted mirror, tests). */
  baseUrl?: string;
  /** For the `url` provider: the file address with `{symbol}`. */
  url?: string;
}

/** Everything a provider call needs besides the query: the key stays inside the worker. */
interface Connection {
  db: QuantDb;
  adapter: ProviderAdapter;
  apiKey?: string;
  get: ReturnType<typeof browserHttpGet>;
}

async function connect(db: QuantDb, providerId: ProviderId): Promise<Connection> {
  const adapter = getProvider(providerId);
  if (!adapter) throw new Error(`Unknown data provider "${providerId}"`);
  const proxy = String((await loadSettingValues(db))['data.corsProxy'] ?? '');
  const apiKey = adapter.key === 'none' ? undefined : await providerKey(db, adapter.id);
  return { db, adapter, apiKey, get: browserHttpGet(proxy) };
}

async function fetchSeries(conn: Connection, query: FetchQuery, step: Step): Promise<FetchedSeries> {
  return fetchBars(conn.adapter, { ...query, apiKey: conn.apiKey }, conn.get, {
    signal: step.signal,
    onRetry: (waitMs, attempt) =>
      step.onProgress?.({ status: 'progress', done: step.done, total: step.total, unit: 'symbols', message: `${query.symbol}: ${conn.adapter.label} asks to slow down; retry ${attempt} in ${Math.ceil(waitMs / 1000)} s` }),
  });
}

function itemOf(symbol: string, series: FetchedSeries, adapter: ProviderAdapter, source: Omit<FetchSource, 'fetchedAt' | 'lastCheckedAt' | 'adjustment'>, now: string): FetchedItem {
  return {
    symbol,
    name: series.name,
    sourceLabel: adapter.label,
    fetchSource: { ...source, adjustment: series.adjustment, fetchedAt: now, lastCheckedAt: now },
    bars: series.bars,
  };
}

const count = (n: number) => n.toLocaleString('en-US');

async function getOne(conn: Connection, request: PriceRequest, ticker: string, step: Step): Promise<SymbolResult> {
  const symbol = ticker.toUpperCase();
  try {
    const now = new Date().toISOString();
    const series = await fetchSeries(conn, { symbol: ticker, from: request.from, to: request.to, baseUrl: request.baseUrl, url: request.url }, step);
    const source = { provider: conn.adapter.id, ticker, ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}), ...(request.url ? { url: request.url } : {}) };
    const write = await writeFetchedSymbol(conn.db, itemOf(symbol, series, conn.adapter, source, now), 'fetch');
    if (write.status !== 'written') throw new Error('unexpected refresh outcome of a fetch');
    const range = `${write.firstDate} to ${write.lastDate}`;
    if (write.replacedSource) {
      return writtenResult(symbol, write, 'replaced', `${count(series.bars.length)} bars, ${range}; replaced the stored ${symbol} (${write.replacedSource.source}, ${count(write.replacedSource.barCount)} bars)`);
    }
    return writtenResult(symbol, write, write.added === write.barCount ? 'added' : 'updated', `${count(write.added)} bars added, ${range}`);
  } catch (error) {
    return failedResult(symbol, error, conn.apiKey);
  }
}

/** Fetches the history of one symbol again from its provider: incremental, or whole after a re-adjustment. */
async function refreshFromProvider(db: QuantDb, info: SymbolInfo & { fetchSource: FetchSource }, step: Step, connections: Map<string, Connection>): Promise<SymbolResult> {
  const source = info.fetchSource;
  let conn: Connection | undefined;
  try {
    conn = connections.get(source.provider) ?? (await connect(db, source.provider as ProviderId));
    connections.set(source.provider, conn);
    const now = new Date().toISOString();
    const query: FetchQuery = { symbol: source.ticker, from: overlapStart(info.lastDate), baseUrl: source.baseUrl, url: source.url };
    let series: FetchedSeries;
    try {
      series = await fetchSeries(conn, query, step);
    } catch (error) {
      if (!(error instanceof ProviderError && error.kind === 'no-data')) throw error;
      await markSymbolChecked(db, info.symbol, now);
      return { symbol: info.symbol, status: 'up-to-date', added: 0, barCount: info.barCount, firstDate: info.firstDate, lastDate: info.lastDate, message: `up to date (${info.lastDate})` };
    }
    const { fetchedAt: _f, lastCheckedAt: _c, adjustment: _a, ...kept } = source;
    const item = itemOf(info.symbol, series, conn.adapter, kept, now);
    const write = await writeFetchedSymbol(db, item, 'refresh');
    if (write.status === 'readjusted') {
      // From the first stored date: the whole history the user chose to keep, re-adjusted consistently.
      const whole = await fetchSeries(conn, { ...query, from: info.firstDate }, step);
      const replaced = await writeFetchedSymbol(db, { ...item, bars: whole.bars }, 'replace');
      if (replaced.status !== 'written') throw new Error('unexpected outcome of a replace');
      const { date, field, stored, fetched } = write.check;
      return writtenResult(info.symbol, replaced, 'replaced',
        `history re-adjusted by the provider (split or dividend since the last fetch); replaced ${count(replaced.barCount)} bars ` +
        `(the ${field === 'close' ? 'close' : 'adjusted close'} of ${date} was ${stored}, now ${fetched})`);
    }
    if (write.added === 0) return writtenResult(info.symbol, write, 'up-to-date', `up to date (${write.lastDate})`);
    return writtenResult(info.symbol, write, 'updated', `${count(write.added)} new bar${write.added === 1 ? '' : 's'}, up to ${write.lastDate}`);
  } catch (error) {
    return failedResult(info.symbol, error, conn?.apiKey);
  }
}

function progress(step: Step, message: string): void {
  step.onProgress?.({ status: 'progress', done: step.done, total: step.total, unit: 'symbols', message });
}

export const fetchApi = {
  /** Get prices: each ticker fetched and written on its own (one failing does not stop the others). */
  async fetchPrices(jobId: string, request: PriceRequest, onProgress?: ProgressListener): Promise<SymbolResult[]> {
    const signal = startJob(jobId);
    try {
      const conn = await connect(await getQuantDb(), request.provider);
      // As the provider writes them (upper case unless it keeps the case, e.g. file names), each once.
      const tickers = parseTickers(request.tickers.join(' '), conn.adapter);
      const results: SymbolResult[] = [];
      for (const [i, ticker] of tickers.entries()) {
        const step = { signal, onProgress, done: i, total: tickers.length };
        progress(step, `${ticker} from ${conn.adapter.label}`);
        results.push(await getOne(conn, request, ticker, step));
      }
      progress({ signal, onProgress, done: tickers.length, total: tickers.length }, 'done');
      return results;
    } finally {
      finishJob(jobId);
    }
  },

  /**
   * Refresh: the given symbols, or every fetched symbol when the list is empty. Provider symbols ask only
   * for the days after the last stored bar (with overlap); symbols of the site feed are read from its
   * manifest at `manifestUrl`.
   */
  async refreshSymbols(jobId: string, symbols: string[], manifestUrl: string, onProgress?: ProgressListener): Promise<SymbolResult[]> {
    const signal = startJob(jobId);
    try {
      const db = await getQuantDb();
      const infos = symbols.length > 0 ? await Promise.all(symbols.map((s) => getSymbol(db, s))) : await db.getAll('symbols');
      const fetched = infos.filter((i): i is SymbolInfo & { fetchSource: FetchSource } => i?.fetchSource !== undefined);
      const results: SymbolResult[] = symbols.filter((s) => !fetched.some((i) => i.symbol === s))
        .map((symbol) => ({ symbol, status: 'skipped', added: 0, message: 'not fetched from a provider or the site feed: import a newer file instead' }));
      const fromFeed = fetched.filter((i) => i.fetchSource.provider === 'feed');
      const connections = new Map<string, Connection>();
      for (const [i, info] of fetched.filter((f) => f.fetchSource.provider !== 'feed').entries()) {
        const step = { signal, onProgress, done: i, total: fetched.length };
        progress(step, info.symbol);
        results.push(await refreshFromProvider(db, info, step, connections));
      }
      if (fromFeed.length > 0) results.push(...(await refreshFromFeed(db, manifestUrl, fromFeed.map((f) => f.symbol), { signal, onProgress, done: fetched.length - fromFeed.length, total: fetched.length })));
      return results;
    } finally {
      finishJob(jobId);
    }
  },

  /** On open: what this site's `data/manifest.json` would change (absent is normal: most deployments have no feed). */
  async siteFeedPlan(manifestUrl: string): Promise<FeedPlan> {
    return planSiteFeed(await getQuantDb(), manifestUrl, new AbortController().signal);
  },

  /** On open: this site's `data/forecasts.json`, stored in place of the previous published forecasts (one transaction). */
  async loadPublishedForecasts(manifestUrl: string): Promise<PublishedForecastsOutcome> {
    return loadPublishedForecasts(await getQuantDb(), manifestUrl, new AbortController().signal);
  },

  /** Imports or updates the given symbols of this site's feed, one transaction each. */
  async loadSiteFeed(jobId: string, manifestUrl: string, symbols: string[], onProgress?: ProgressListener): Promise<FeedOutcome> {
    const signal = startJob(jobId);
    try {
      return await loadSiteFeed(await getQuantDb(), manifestUrl, { signal, onProgress, done: 0, total: symbols.length }, symbols);
    } finally {
      finishJob(jobId);
    }
  },
};

export type { FeedOutcome, FeedPlan, PublishedForecastsOutcome, SymbolResult };

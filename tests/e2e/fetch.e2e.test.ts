/**
 * Getting and keeping prices current through the UI, in the real Chromium against the production build and
 * a local server that answers as the providers document (tests/e2e/provider-server.ts). Yahoo refuses
 * browsers, so it is reached through the CORS proxy prefix; Stooq is asked directly through the advanced
 * base URL (a mirror with CORS). The site feed is put into the served copy of the build.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { overlapStart } from '../../src/core/data/refresh-overlap';
import { exportJson } from '../../src/core/data/export';
import { dismissToasts, distDir, launchBrowser, openJobsPanel, openTab, saveScreenshot, startServer, type Browser, type RunningServer } from './support';
import { openEpoch, startProviderServer, type ProviderServer } from './provider-server';

const SECRET = 'stooq-SECRET-9f8e7d6c';
const poll = { timeout: 30_000 };

interface StoredSymbol {
  symbol: string;
  source: string;
  lastDate: string;
  barCount: number;
  fetchSource?: { provider: string; ticker: string; baseUrl?: string };
}

/** What IndexedDB holds, read with the raw API (independent of the app's code). */
async function stored(page: Page, symbol?: string): Promise<{ symbols: StoredSymbol[]; closes: number[]; text: string }> {
  return page.evaluate(async (symbol) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const request = indexedDB.open('quant-lens');
      request.onsuccess = () => ok(request.result);
      request.onerror = () => fail(request.error);
    });
    const all = (store: string, range?: IDBKeyRange) =>
      new Promise<unknown[]>((ok, fail) => {
        const request = db.transaction(store).objectStore(store).getAll(range);
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
      });
    // Bars are stored one record per symbol and year, with a close column.
    const [symbols, chunks, settings] = await Promise.all([all('symbols'), symbol ? all('barChunks', IDBKeyRange.bound([symbol, ''], [symbol, '\uffff'])) : [], all('settings')]);
    db.close();
    return { symbols: symbols as StoredSymbol[], closes: (chunks as { close: Float64Array }[]).flatMap((c) => [...c.close]), text: JSON.stringify({ symbols, settings: settings.length }) };
  }, symbol);
}

const row = (page: Page, symbol: string) => page.locator(`tr[data-symbol="${symbol}"]`);
/** A line of the Get prices results, or of the Refresh results. */
const result = (page: Page, symbol: string, table: 'Fetch results' | 'Refresh results' = 'Fetch results') =>
  page.getByRole('table', { name: table }).locator(`tr[data-result="${symbol}"]`);
const errorToasts = (page: Page) => page.locator('.toast-error').allTextContents();

/** One row of the IndexedDB settings store. */
async function storedSetting(page: Page, key: string): Promise<unknown> {
  return page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const request = indexedDB.open('quant-lens');
      request.onsuccess = () => ok(request.result);
      request.onerror = () => fail(request.error);
    });
    const value = await new Promise((ok) => {
      const request = db.transaction('settings').objectStore('settings').get(key);
      request.onsuccess = () => ok(request.result);
    });
    db.close();
    return value;
  }, key);
}

async function setSetting(page: Page, url: string, label: string, key: string, value: string): Promise<void> {
  await openTab(page, url, 'Settings');
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.blur();
  await expect.poll(() => storedSetting(page, key), poll).toBe(value);
}

/** Clicks Fetch in Get prices and waits until that run's results are shown. */
async function clickFetch(page: Page): Promise<void> {
  const panel = page.getByTestId('get-prices');
  const runs = Number(await panel.getAttribute('data-runs'));
  await page.getByRole('button', { name: /^Fetch / }).click();
  await expect.poll(async () => Number(await panel.getAttribute('data-runs')), poll).toBe(runs + 1);
}

async function getPrices(page: Page, provider: string, tickers: string, extra: { key?: string; baseUrl?: string } = {}): Promise<void> {
  await page.getByTestId('provider').selectOption(provider);
  if (extra.key !== undefined) await page.getByTestId('api-key').fill(extra.key);
  if (extra.baseUrl !== undefined) {
    await page.getByText('Advanced').click();
    await page.getByTestId('base-url').fill(extra.baseUrl);
  }
  await page.getByTestId('tickers').fill(tickers);
  await clickFetch(page);
}

describe('Get prices and keep them current', () => {
  let site: string;
  let app: RunningServer;
  let providers: ProviderServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'ql-site-'));
    cpSync(distDir, site, { recursive: true });
    app = await startServer({ dir: site });
    providers = await startProviderServer();
    browser = await launchBrowser();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await providers?.stop();
    rmSync(site, { recursive: true, force: true });
  });

  it('notes quietly that this site has no data feed', async () => {
    await openTab(page, app.url, 'Data');
    await expect.poll(() => page.getByTestId('feed-note').textContent(), poll).toBe('Site data feed: this site publishes no data feed (data/manifest.json not found).');
    expect(await errorToasts(page)).toEqual([]);
    expect(await page.locator('#job-tray-panel').count()).toBe(0); // the check is no job: the tray stays shut
  });

  it('explains a browser-blocked provider and how out of it', async () => {
    // Yahoo answers browsers without CORS permission: the mirror path /nocors/ does the same.
    await openTab(page, app.url, 'Data');
    await getPrices(page, 'yahoo', 'AAPL', { baseUrl: `${providers.url}/nocors` });
    await expect(result(page, 'AAPL').textContent()).resolves.toContain('failed');
    const [toast] = await errorToasts(page);
    expect(toast).toContain('Yahoo Finance, AAPL: no readable reply (blocked by the browser: CORS)');
    expect(toast).toContain('set a CORS proxy URL prefix in Settings');
    expect((await stored(page)).symbols.find((s) => s.symbol === 'AAPL')?.source).toBe('demo: vega-datasets stocks.csv'); // unchanged
    // The job tray says the job failed, and why (not "done").
    const job = (await openJobsPanel(page)).locator('li.job').filter({ hasText: 'Get prices of AAPL' }).last();
    await expect(job.locator('.job-head .muted').textContent()).resolves.toBe('download · error');
    await expect(job.locator('.job-message').textContent()).resolves.toContain('Yahoo Finance, AAPL: no readable reply');
    await page.getByRole('button', { name: 'Close jobs' }).click();
    await dismissToasts(page);
  });

  it('fetches Yahoo through the CORS proxy prefix, shows the result and how far behind each symbol is', async () => {
    await setSetting(page, app.url, 'CORS proxy URL prefix', 'data.corsProxy', `${providers.url}/proxy/`);
    await openTab(page, app.url, 'Data');
    const before = providers.requests.length;
    await getPrices(page, 'yahoo', 'aapl, MSFT');
    const asked = providers.requests.slice(before);
    expect(asked.map((u) => u.pathname.replace(/\?.*/, ''))).toEqual([
      '/proxy/https://query1.finance.yahoo.com/v8/finance/chart/AAPL',
      '/proxy/https://query1.finance.yahoo.com/v8/finance/chart/MSFT',
    ]);
    const expected = providers.bars('AAPL');
    expect(expected.length).toBe(124); // NYSE sessions 2024-01-02 .. 2024-06-28
    // AAPL and MSFT existed as the demo's monthly series: replaced whole, and said so.
    await expect(result(page, 'AAPL').textContent()).resolves.toBe('AAPLreplaced1242024-01-022024-06-28124 bars, 2024-01-02 to 2024-06-28; replaced the stored AAPL (demo: vega-datasets stocks.csv, 123 bars)');
    await expect(result(page, 'MSFT').textContent()).resolves.toContain('replaced the stored MSFT (demo: vega-datasets stocks.csv, 123 bars)');
    const aapl = await stored(page, 'AAPL');
    expect(aapl.closes).toEqual(expected.map((b) => b.close));
    expect(aapl.symbols.find((s) => s.symbol === 'AAPL')?.fetchSource).toMatchObject({ provider: 'yahoo', ticker: 'AAPL' });
    await expect(row(page, 'AAPL').getByTestId('behind').textContent()).resolves.toMatch(/^\d[\d,]* trading days behind$/);
    expect(await row(page, 'AAPL').getByTestId('behind').evaluate((td) => td.classList.contains('stale'))).toBe(true);
    await saveScreenshot(page, 'fetch-results-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'fetch-results-390');
    await page.setViewportSize({ width: 1280, height: 860 });
    expect(await errorToasts(page)).toEqual([]);
  });

  it('after a reload, Refresh asks only from a few days before the last bar and adds only the new bars', async () => {
    const before = providers.requests.length;
    await page.reload();
    await row(page, 'AAPL').waitFor();
    await page.waitForTimeout(1500);
    expect(providers.requests.length).toBe(before); // checked minutes ago: no refresh on open yet
    providers.lastDate = '2024-07-08'; // five more sessions: Jul 1, 2, 3, 5, 8 (Jul 4 closed)
    await row(page, 'AAPL').getByRole('button', { name: 'Refresh AAPL' }).click();
    await expect.poll(() => result(page, 'AAPL', 'Refresh results').textContent(), poll).toBe('AAPLupdated52024-01-022024-07-085 new bars, up to 2024-07-08');
    const ask = providers.requests.at(-1)!;
    const target = new URL(decodeURIComponent(ask.pathname.slice('/proxy/'.length)) + ask.search);
    // period1 is the overlap start (5 sessions ending at the last stored 2024-06-28) minus a day, not all history.
    expect(overlapStart('2024-06-28')).toBe('2024-06-24');
    // (The Yahoo adapter asks from one day earlier, as a bar's timestamp is the exchange-local open.)
    expect(Number(target.searchParams.get('period1'))).toBe(Date.UTC(2024, 5, 24) / 1000 - 86_400);
    const aapl = await stored(page, 'AAPL');
    expect(aapl.closes).toEqual(providers.bars('AAPL').map((b) => b.close));
    expect(aapl.symbols.find((s) => s.symbol === 'AAPL')?.barCount).toBe(129);
  });

  it('a history re-adjusted by the provider (a 2-for-1 split) is refetched whole, and the user is told why', async () => {
    providers.priceFactor = 0.5;
    providers.lastDate = '2024-07-09';
    await dismissToasts(page);
    const before = providers.requests.length;
    await page.getByRole('button', { name: 'Refresh all' }).click();
    await expect.poll(() => result(page, 'AAPL', 'Refresh results').textContent(), poll).toContain('history re-adjusted by the provider (split or dividend since the last fetch); replaced 130 bars');
    await expect(page.locator('.toast').filter({ hasText: 'AAPL: history re-adjusted by the provider' }).count()).resolves.toBe(1);
    // AAPL and MSFT each: the incremental ask, then the whole history from the first stored date.
    const periods = providers.requests.slice(before).map((u) => new URL(decodeURIComponent(u.pathname.slice('/proxy/'.length)) + u.search).searchParams.get('period1'));
    expect(periods.length).toBe(4);
    expect(Number(periods[1])).toBeLessThan(openEpoch('2024-01-02'));
    const aapl = await stored(page, 'AAPL');
    expect(aapl.closes).toEqual(providers.bars('AAPL').map((b) => b.close));
    expect(aapl.closes[0]).toBeCloseTo(providers.bars('AAPL')[0].close, 10);
    await saveScreenshot(page, 'fetch-refresh-readjusted');
  });

  it('keeps an API key out of error messages and exports, and sends it only to its provider', async () => {
    await setSetting(page, app.url, 'CORS proxy URL prefix', 'data.corsProxy', '');
    await openTab(page, app.url, 'Data');
    await dismissToasts(page);
    const before = providers.requests.length;
    await getPrices(page, 'stooq', 'IBM', { key: SECRET, baseUrl: providers.url });
    await expect(result(page, 'IBM').textContent()).resolves.toContain('failed');
    const toasts = await errorToasts(page);
    expect(toasts.join('\n')).toContain('Stooq, IBM: the key was refused (HTTP 401). Check the API key for Stooq');
    expect(toasts.join('\n')).not.toContain(SECRET);
    expect(await page.locator('body').textContent()).not.toContain(SECRET);
    const asked = providers.requests.slice(before);
    expect(asked.map((u) => u.searchParams.get('apikey'))).toEqual([SECRET]); // to Stooq, and nowhere else
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Get prices' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'fetch-key-error-390');
    await page.setViewportSize({ width: 1280, height: 860 });
    await dismissToasts(page);

    providers.stooqKey = SECRET;
    await clickFetch(page);
    await expect.poll(() => result(page, 'IBM').textContent(), poll).toContain('130 bars');
    // A refresh of the Yahoo symbols (no key, through the proxy again) never carries the Stooq key.
    await setSetting(page, app.url, 'CORS proxy URL prefix', 'data.corsProxy', `${providers.url}/proxy/`);
    await openTab(page, app.url, 'Data');
    const beforeRefresh = providers.requests.length;
    await page.getByRole('button', { name: 'Refresh all' }).click();
    await expect.poll(() => result(page, 'IBM', 'Refresh results').textContent(), poll).toContain('up to date');
    await expect(result(page, 'AAPL', 'Refresh results').textContent()).resolves.toContain('up to date');
    // With a proxy set, every provider is asked through it (the key too: the Settings help says so).
    const refreshAsks = providers.requests.slice(beforeRefresh).map((u) => new URL(decodeURIComponent(u.pathname.slice('/proxy/'.length)) + u.search));
    expect(refreshAsks.map((u) => `${u.host}${u.pathname}`).sort()).toEqual([`${new URL(providers.url).host}/q/d/l/`, 'query1.finance.yahoo.com/v8/finance/chart/AAPL', 'query1.finance.yahoo.com/v8/finance/chart/MSFT']);
    for (const ask of refreshAsks) expect(ask.href.includes(SECRET)).toBe(ask.pathname === '/q/d/l/');

    const [dataExport] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all as JSON' }).click()]);
    const [csvExport] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all as CSV' }).click()]);
    expect(readFileSync(await dataExport.path()).toString()).toContain('"IBM"');
    expect(readFileSync(await dataExport.path()).toString()).not.toContain(SECRET);
    expect(readFileSync(await csvExport.path()).toString()).not.toContain(SECRET);
    expect((await stored(page)).text).not.toContain(SECRET); // symbol records (fetchSource) hold no key

    await openTab(page, app.url, 'Settings');
    const [settingsExport] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export settings' }).click()]);
    const settingsText = readFileSync(await settingsExport.path()).toString();
    expect(settingsText).toContain('data.corsProxy');
    expect(settingsText).not.toContain(SECRET);
    await page.getByLabel('include API keys').check();
    const [withKeys] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export settings' }).click()]);
    expect(JSON.parse(readFileSync(await withKeys.path()).toString()).apiKeys).toEqual({ stooq: SECRET });
    await saveScreenshot(page, 'fetch-settings-data');
  });

  it("picks up the site's published feed on open, under a GitHub Pages-like sub-path", async () => {
    const bars = providers.bars('SPY');
    mkdirSync(join(site, 'data'), { recursive: true });
    writeFileSync(join(site, 'data/SPY.json'), exportJson([{ symbol: 'SPY', name: 'SPDR S&P 500 ETF', bars }]));
    const entry = { symbol: 'SPY', file: 'SPY.json', source: 'yahoo', adjustment: 'splits', firstDate: bars[0].date, lastDate: bars.at(-1)!.date, bars: bars.length, fetchedAt: '2024-07-09T22:00:00Z' };
    const manifest = (entries: unknown[]) => JSON.stringify({ format: 'quant-lens/feed', version: 1, generatedAt: '2024-07-09T22:00:00Z', entries });
    writeFileSync(join(site, 'data/manifest.json'), manifest([entry]));
    // Another origin (own IndexedDB) serving the same files under /quant-lens/, as a project page does.
    const pages = await startServer({ dir: site, base: '/quant-lens/' });
    try {
      await openTab(page, pages.url, 'Data');
      await expect.poll(() => page.getByTestId('feed-note').textContent(), poll).toBe('Site data feed: 1 symbol published; SPY imported or updated.');
      await expect(row(page, 'SPY').textContent()).resolves.toContain(`SPDR S&P 500 ETF2024-01-022024-07-09${bars.length}`);
      expect((await stored(page, 'SPY')).closes).toEqual(bars.map((b) => b.close));
      expect((await stored(page)).symbols.find((s) => s.symbol === 'SPY')).toMatchObject({ source: 'site feed (Yahoo Finance)', fetchSource: { provider: 'feed' } });
      // Opened again with nothing new: nothing is written or said.
      await page.reload();
      await expect.poll(() => page.getByTestId('feed-note').textContent(), poll).toBe('Site data feed: 1 symbol published; everything stored is current.');
      expect(await page.locator('#job-tray-panel').count()).toBe(0);

      // A malformed manifest is an error that says what is wrong, and changes nothing.
      writeFileSync(join(site, 'data/manifest.json'), manifest([{ ...entry, lastDate: 'yesterday' }]));
      await page.reload();
      await expect.poll(() => errorToasts(page), poll).toEqual([expect.stringContaining("This site's data feed failed: data/manifest.json is malformed, nothing was imported: manifest.entries[0].lastDate: expected a YYYY-MM-DD date")]);
      expect((await stored(page, 'SPY')).closes).toEqual(bars.map((b) => b.close));
      await saveScreenshot(page, 'fetch-feed-malformed');
    } finally {
      await pages.stop();
    }
    expect(browser.errors.filter((e) => !e.includes('404') && !e.includes('ERR_FAILED') && !e.includes('CORS') && !e.includes('401'))).toEqual([]);
  });
});

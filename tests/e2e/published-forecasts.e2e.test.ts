/**
 * The site's precomputed forecasts, in the real Chromium against the production build: a copy of the build
 * serves a feed (data/manifest.json and bars files) and a data/forecasts.json made by the CLI with the tiny
 * Chronos-Bolt checkpoint, as the Pages workflow publishes them. The Forecasts tab shows them with model,
 * revision and as-of date without downloading a model, says when the stored bars are newer, takes a newer run,
 * and refuses a malformed file without losing the stored forecasts; at 1280 and 390 px wide.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../src/core/data/types';
import { randomWalk } from '../unit/backtest/helpers';
import { writeFeedDir } from '../unit/cli/feed-dir';
import { rawDb } from './raw-db';
import { artifactsDir, distDir, launchBrowser, openTab, repoRoot, saveScreenshot, startServer, type RunningServer } from './support';

const poll = { timeout: 30_000 };
const site = mkdtempSync(join(tmpdir(), 'ql-published-site-'));
const data = join(site, 'data');

/** The Pages workflow's two steps for these series: the feed's files, then `forecast` over them. */
function publish(universe: PriceSeries[]): { identity: string; forecasts: { symbol: string; lastDate: string; expectedReturn: number; confidence: number }[] } {
  writeFeedDir(data, universe);
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'src/cli.ts', 'forecast', '--model', 'tests/fixtures/chronos-bolt',
    ...universe.flatMap((s) => ['--csv', join(data, `${s.symbol}.json`)]), '--horizon', '20', '--no-cache', '--out', join(data, 'forecasts.json')], { cwd: repoRoot, stdio: 'ignore' });
  const file = JSON.parse(readFileSync(join(data, 'forecasts.json'), 'utf8'));
  return { identity: file.model.identity, forecasts: file.forecasts };
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
const card = (page: Page) => page.getByTestId('published-forecast');

async function showSymbol(page: Page, url: string, symbol: string): Promise<void> {
  await openTab(page, url, 'Forecasts');
  await page.getByTestId('symbol').selectOption(symbol);
}

let server: RunningServer;
beforeAll(async () => {
  cpSync(distDir, site, { recursive: true });
  server = await startServer({ dir: site, base: '/quant-lens/' });
});
afterAll(async () => server?.stop());

describe('published forecasts on the site', () => {
  it('shows the precomputed forecast with model, revision and as-of date; notes newer bars; takes a newer run; refuses a malformed file', async () => {
    const monday = publish([randomWalk('SPY', 300, 3), randomWalk('AAPL', 300, 5)]);
    const browser = await launchBrowser();
    const { page } = browser;
    try {
      await openTab(page, server.url, 'Data');
      await expect.poll(() => page.getByTestId('feed-note').textContent(), poll).toBe('Site data feed: 2 symbols published; SPY, AAPL imported or updated.');
      // The demo's SPX is selected at first: the page offers the published symbols.
      await openTab(page, server.url, 'Forecasts');
      await expect.poll(() => page.getByTestId('symbol').inputValue(), poll).toBe('SPX');
      await expect.poll(() => page.getByTestId('published-offer').textContent(), poll).toMatch(/This site publishes precomputed forecasts of\s*AAPL,\s*SPY\s*\(no model download needed\)/);
      await page.getByTestId('published-offer').screenshot({ path: join(artifactsDir, 'screenshots', 'published-forecast-offer.png') });
      await page.getByTestId('published-offer').getByRole('button', { name: 'AAPL' }).click();
      expect(await page.getByTestId('symbol').inputValue()).toBe('AAPL');
      const aapl = monday.forecasts[1];
      await expect.poll(() => card(page).count(), poll).toBe(1);
      const origin = await card(page).locator('.origin').textContent();
      const revision = monday.identity.split('@sha256:')[1];
      expect(origin?.replace(/\s+/g, ' ')).toContain(`Precomputed on the site: Chronos-Bolt (2 layers, d_model 64) @ sha256:${revision.slice(0, 12)}…, as of ${aapl.lastDate}.`);
      expect(await card(page).getByTestId('published-revision').getAttribute('title')).toBe(monday.identity);
      expect(await card(page).getByTestId('expected-return').textContent()).toBe(pct(aapl.expectedReturn));
      expect(await card(page).getByTestId('confidence').textContent()).toBe(`${(aapl.confidence * 100).toFixed(0)}%`);
      expect(await card(page).getByRole('region', { name: 'Precomputed forecast of AAPL' }).count()).toBe(1);
      await expect.poll(() => card(page).locator('canvas').count(), poll).toBeGreaterThan(0); // the fan chart is drawn (echarts loads lazily)
      expect(await card(page).getByTestId('published-stale').count()).toBe(0);
      // Nothing was downloaded: no model is cached, and the local Run is still there.
      expect(await page.getByText('No model is cached yet').count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Forecast', exact: true }).isEnabled()).toBe(true);
      await saveScreenshot(page, 'published-forecast-1280');
      await page.getByTestId('symbol').selectOption('SPY');
      await expect.poll(() => card(page).getByTestId('expected-return').textContent(), poll).toBe(pct(monday.forecasts[0].expectedReturn));

      // The feed moves on two bars but its forecasts do not (the forecast job failed): the page says so.
      const spyTuesday = randomWalk('SPY', 302, 3);
      const withOldForecasts = readFileSync(join(data, 'forecasts.json'));
      publish([spyTuesday, randomWalk('AAPL', 302, 5)]);
      const tuesdayForecasts = readFileSync(join(data, 'forecasts.json'));
      writeFileSync(join(data, 'forecasts.json'), withOldForecasts);
      await page.reload();
      await showSymbol(page, server.url, 'SPY');
      await expect.poll(() => card(page).getByTestId('published-stale').textContent(), poll)
        .toContain(`Your bars of SPY go to ${spyTuesday.dates.at(-1)}, 2 trading days past this forecast's as-of date`);
      await saveScreenshot(page, 'published-forecast-stale');

      // The next run's forecasts replace the stored ones.
      writeFileSync(join(data, 'forecasts.json'), tuesdayForecasts);
      await page.reload();
      await showSymbol(page, server.url, 'SPY');
      await expect.poll(() => card(page).getByTestId('published-as-of').textContent(), poll).toBe(spyTuesday.dates.at(-1));
      expect(await card(page).getByTestId('published-stale').count()).toBe(0);

      // A malformed file: an error that says where, and the stored forecasts stay.
      const broken = JSON.parse(tuesdayForecasts.toString());
      broken.forecasts[0].median[3] += 1;
      writeFileSync(join(data, 'forecasts.json'), JSON.stringify(broken));
      await page.reload();
      await expect.poll(() => page.locator('.toast-error').allTextContents(), poll)
        .toEqual([expect.stringContaining("This site's published forecasts: data/forecasts.json is malformed, the published forecasts were not changed: forecasts.json.forecasts[0].median: does not match the quantiles at step 4")]);
      await showSymbol(page, server.url, 'SPY');
      await expect.poll(() => card(page).getByTestId('published-as-of').textContent(), poll).toBe(spyTuesday.dates.at(-1));
      writeFileSync(join(data, 'forecasts.json'), tuesdayForecasts);
      expect(browser.errors.filter((e) => !e.includes('404'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("gives today's signals from the precomputed forecasts, with no model on the device", async () => {
    const run = publish([randomWalk('SPY', 300, 3), randomWalk('AAPL', 300, 5)]);
    const browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    const { page } = browser;
    try {
      await openTab(page, server.url, 'Data');
      await expect.poll(() => page.getByTestId('feed-note').textContent(), poll).toMatch(/^Site data feed: 2 symbols published/);
      // The published symbols as the watch list: their shared last bar is the as-of date.
      await rawDb(page, { store: 'settings', putAt: ['paper.watchlist', 'SPY, AAPL'] });
      await openTab(page, server.url, 'Overview');
      const model = page.getByLabel('Model');
      await expect.poll(() => model.locator('option').first().textContent(), poll).toBe(`Precomputed on the site: Chronos-Bolt (2 layers, d_model 64) (as of ${run.forecasts[0].lastDate})`);
      expect(await model.inputValue()).toBe('published');
      await page.getByRole('button', { name: 'Compute signals (2 symbols)' }).click();
      const rows = page.locator('table:has(caption:text("Today\'s signals")) tbody tr');
      await expect.poll(() => rows.count(), poll).toBe(2);
      for (const f of run.forecasts) {
        const row = rows.filter({ has: page.getByRole('rowheader', { name: f.symbol, exact: true }) });
        expect(await row.locator('td:nth-child(3)').textContent()).toBe(f.lastDate);
        expect(await row.locator('td:nth-child(6)').textContent()).toBe(`${(f.expectedReturn * 100).toFixed(2)}%`);
        expect(await row.locator('td.reason').textContent()).toContain(`precomputed on the site by ${run.identity}`);
      }
      await saveScreenshot(page, 'published-forecast-signals-390');
      expect(browser.errors.filter((e) => !e.includes('404'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('fits a 390 px wide phone screen', async () => {
    publish([randomWalk('SPY', 300, 3), randomWalk('AAPL', 300, 5)]);
    const browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    const { page } = browser;
    try {
      // A first visit straight to the Forecasts tab: the feed arrives while it is open, and the offer picks SPY.
      await openTab(page, server.url, 'Forecasts');
      await page.getByTestId('published-offer').getByRole('button', { name: 'SPY' }).click(poll);
      await expect.poll(() => page.getByTestId('symbol').inputValue(), poll).toBe('SPY');
      await expect.poll(() => card(page).getByTestId('published-model').textContent(), poll).toBe('Chronos-Bolt (2 layers, d_model 64)');
      await card(page).scrollIntoViewIfNeeded();
      const box = await card(page).boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await saveScreenshot(page, 'published-forecast-390');
      await card(page).screenshot({ path: join(artifactsDir, 'screenshots', 'published-forecast-390-card.png') });
    } finally {
      await browser.close();
    }
  });
});

/**
 * The dashboard journeys in the real Chromium: first visit -> demo data -> today's signals ->
 * mock trades -> reload -> portfolio intact; theme switch; a 360 px phone; keyboard-only tab
 * navigation; a screenshot of every tab, checked to show more than a blank page.
 * Longer than ~300 lines on purpose: the journeys share one server, browser and checkpoint set-up
 * (starting Chromium and the local model server per file costs more than the file's own tests).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFromUrlPrefix, launchBrowser, repoRoot, saveScreenshot, startServer, type Browser, type RunningServer } from './support';
import type { Page } from 'playwright-core';
import { loadSp500 } from '../unit/ml/sp500';
import { rawDb } from './raw-db';
import { tradingDays } from '../../src/core/data/calendar';

/** Today in this machine's zone (the browser's "today" in these tests). */
function localDate(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Linear-interpolation quantile (numpy's default) of unsorted values. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  return sorted[below] + (position - below) * (sorted[below + 1] - sorted[below]);
}

const tabs = ['Overview', 'Data', 'Forecasts', 'Models', 'Backtest', 'Analytics', 'Settings'];
/** What shows that a tab of this area finished loading its data. */
const ready: Record<string, (page: Page) => Promise<void>> = {
  Overview: (page) => page.getByRole('heading', { name: "Today's signals" }).waitFor(),
  Analytics: (page) => page.getByRole('figure', { name: 'Comparison (normalised to 100)' }).locator('canvas').waitFor(),
  Settings: (page) => page.getByRole('heading', { name: 'Storage' }).waitFor(),
};

/** Standard deviation of the screenshot's luminance, decoded in the page (0 = a blank page). */
async function pixelSpread(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, image.width, image.height);
    let sum = 0;
    let sumSq = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const y = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
      sum += y;
      sumSq += y * y;
    }
    return Math.sqrt(sumSq / n - (sum / n) ** 2);
  }, png.toString('base64'));
}

/** Sets the Overview's watchlist setting (straight in IndexedDB; the Settings form is tested below). */
function setWatchlist(page: Page, symbols: string): Promise<void> {
  return rawDb(page, { store: 'settings', putAt: ['paper.watchlist', symbols] });
}

async function equityText(page: Page): Promise<string> {
  return (await page.locator('dl[aria-label="Portfolio summary"] div', { hasText: 'Equity' }).first().locator('dd').textContent()) ?? '';
}

describe('dashboard', () => {
  let server: RunningServer;
  let models: RunningServer;
  let browser: Browser;
  const profile = mkdtempSync(join(tmpdir(), 'ql-dashboard-'));
  // The tiny Chronos-2 test checkpoint on a local static server (it wants an index.html).
  const modelSite = mkdtempSync(join(tmpdir(), 'ql-dashboard-models-'));
  cpSync(join(repoRoot, 'tests/fixtures/chronos2'), join(modelSite, 'chronos2'), { recursive: true });
  writeFileSync(join(modelSite, 'index.html'), '<!doctype html><title>model files</title>');

  beforeAll(async () => {
    server = await startServer();
    models = await startServer({ dir: modelSite });
    browser = await launchBrowser({ userDataDir: profile });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await models?.stop();
    rmSync(profile, { recursive: true, force: true });
    rmSync(modelSite, { recursive: true, force: true });
  });

  it('first visit: demo data, signals, mock trades, and the portfolio survives a reload', async () => {
    const { page } = browser;
    await page.goto(server.url);
    // First-visit walk-through and the disclaimer are visible.
    await page.getByRole('heading', { level: 2, name: 'Getting started' }).waitFor();
    await expect(page.getByText('not investment advice').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('Your data stays in this browser; the app asks the network only for the model downloads and prices you ask for').first().isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Dismiss' }).click();

    // The demo symbols are seeded on first visit. They act on one as-of date, SPX's last (2020-04-17):
    // the monthly large caps end in 2010, so they are listed as behind and do not trade.
    const compute = page.getByRole('button', { name: 'Compute signals (1 symbol)' });
    await compute.waitFor({ timeout: 60_000 });
    const asOf = page.getByTestId('as-of');
    expect(await asOf.locator('strong').textContent()).toBe('As of 2020-04-17');
    expect(await asOf.getByTestId('behind').textContent()).toBe(
      'Behind 2020-04-17, so not traded: AAPL (last 2010-03-31), AMZN (last 2010-03-31), GOOG (last 2010-03-31), IBM (last 2010-03-31), MSFT (last 2010-03-31).',
    );
    // Trading days from 2020-04-20 to today on the NYSE calendar: years, so the data is stale.
    const old = Number((await asOf.getByText(/trading days old/).textContent())!.match(/is ([\d,]+) trading days old \(more than 5\)/)![1].replace(/,/g, ''));
    expect(old).toBe(tradingDays('2020-04-20', localDate()).length);
    await saveScreenshot(page, 'dashboard-as-of');
    await page.getByLabel('Model').selectOption('baseline:drift');
    expect(page.url()).toContain('model=baseline%3Adrift');
    await compute.click();
    await page.getByText('1 signal computed: 0 buy/sell, 1 hold').waitFor({ timeout: 120_000 });

    // A watchlist of the monthly large caps: their shared last date 2010-03-31 is the as-of date.
    await setWatchlist(page, 'MSFT, AMZN, IBM, GOOG, AAPL');
    await page.reload();
    await page.getByRole('button', { name: 'Compute signals (5 symbols)' }).click();
    expect(await asOf.locator('strong').textContent()).toBe('As of 2010-03-31');
    const rows = page.locator('table:has(caption:text("Today\'s signals")) tbody tr');
    await rows.first().waitFor({ timeout: 120_000 });
    expect(await rows.count()).toBe(5);
    expect(await rows.locator('td:nth-child(3)').allTextContents()).toEqual(Array(5).fill('2010-03-31'));
    const reasons = await page.locator('td.reason').allTextContents();
    for (const reason of reasons) expect(reason).toMatch(/expected return -?\d+\.\d\d% over 20 days; confidence \d+%/);
    // A forecast's probability column is P(up); the ML strategy's is another event (below).
    const headers = page.locator('table:has(caption:text("Today\'s signals")) thead th');
    expect(await headers.allTextContents()).toContain('P(up)');

    // Execute every actionable signal (the drift baseline is bullish on the monthly large caps).
    const execute = page.getByRole('button', { name: 'Execute selected as mock trades' });
    expect(await execute.isEnabled()).toBe(true);
    await execute.click();
    await page.getByText(/Executed \d+ mock trades?/).waitFor();
    // A manual trade acts on the same date: SPX (outside the watchlist, data to 2020) cannot trade on it.
    await page.getByLabel('Symbol').selectOption('SPX');
    await page.getByText("SPX: its prices end 2020-04-17, after the portfolio's as-of date 2010-03-31; add SPX to the watchlist to trade it.").waitFor();
    await page.getByLabel('Symbol').selectOption('MSFT');
    await page.getByLabel('Shares').fill('3');
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    await page.getByText(/Bought 3 MSFT at/).waitFor();
    expect(await page.locator('table:has(caption:text("Trade journal")) tbody td:first-child').allTextContents()).toContain('2010-03-31');
    // Back to every symbol: the as-of date moves forward to 2020-04-17 (the journal never goes back).
    await setWatchlist(page, '');
    await page.reload();
    await page.getByRole('button', { name: 'Compute signals (1 symbol)' }).waitFor();
    await page.getByLabel('Symbol').selectOption('SPX');
    await page.getByLabel('Shares').fill('3');
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    await page.getByText(/Bought 3 SPX at/).waitFor();
    expect(await page.locator('table:has(caption:text("Trade journal")) tbody td:first-child').first().textContent()).toBe('2020-04-17');

    const journalTitle = page.getByRole('heading', { name: /Trade journal \(\d+\)/ });
    const before = { journal: await journalTitle.textContent(), equity: await equityText(page), positions: await page.locator('table:has(caption:text("Positions of")) tbody tr').count() };
    expect(Number(before.journal!.match(/\((\d+)\)/)![1])).toBeGreaterThanOrEqual(2);
    expect(before.positions).toBeGreaterThanOrEqual(3); // >= 2 symbols + the cash row
    await page.getByRole('figure', { name: 'Composition' }).locator('canvas').waitFor();

    await page.reload();
    await journalTitle.waitFor();
    expect(await journalTitle.textContent()).toBe(before.journal);
    expect(await equityText(page)).toBe(before.equity);
    expect(await page.locator('table:has(caption:text("Positions of")) tbody tr').count()).toBe(before.positions);
    // The walk-through stays dismissed.
    expect(await page.getByRole('heading', { level: 2, name: 'Getting started' }).count()).toBe(0);
    await saveScreenshot(page, 'dashboard-overview-trades');

    // The journal exports as CSV; the portfolio round-trips through JSON as a second portfolio.
    const tradeCount = Number(before.journal!.match(/\((\d+)\)/)![1]);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csvText = readFileSync(await csv.path(), 'utf8').trimEnd().split('\n');
    expect(csvText[0]).toBe('date,executed_at,symbol,side,quantity,market_price,fill_price,commission,value,source,note');
    expect(csvText).toHaveLength(tradeCount + 1);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(json.suggestedFilename()).toBe('My_portfolio-portfolio.json');
    const jsonPath = join(modelSite, json.suggestedFilename());
    await json.saveAs(jsonPath);
    await page.getByLabel('Import JSON').setInputFiles(jsonPath);
    await page.getByText('Imported "My_portfolio-portfolio.json"').waitFor();
    expect(await page.getByRole('combobox', { name: /^Portfolio/ }).locator('option').allTextContents()).toEqual(['My portfolio', 'My portfolio']);
    expect(await journalTitle.textContent()).toBe(before.journal);
    expect(await equityText(page)).toBe(before.equity);

    // The portfolio's equity joins the analytics of the stored symbols.
    const spx = await loadSp500();
    const spxReturns = Array.from(spx.close.subarray(1), (close, i) => close / spx.close[i] - 1);
    await page.goto(`${server.url}#/analytics?symbols=SPX&portfolio=1`);
    await page.getByRole('rowheader', { name: 'Portfolio: My portfolio' }).first().waitFor();
    expect(await page.getByRole('checkbox', { name: /Portfolio: My portfolio/ }).isChecked()).toBe(true);
    // The worker's VaR of SPX against the numpy-style 5% quantile of its daily returns, worked here.
    const varCard = page.locator('section.card', { has: page.getByRole('heading', { name: /Value at Risk/ }) });
    const spxRow = varCard.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'SPX', exact: true }) });
    expect((await spxRow.getByRole('cell').allTextContents()).slice(0, 2)).toEqual([String(spxReturns.length), `${(-quantile(spxReturns, 0.05) * 100).toFixed(2)}%`]);
    expect(browser.errors).toEqual([]);
  });

  it("computes today's signals with a tiny Chronos-2 checkpoint served locally", async () => {
    const { page } = browser;
    const prefix = `${models.url}chronos2/`;
    await page.goto(`${server.url}#/forecasts`);
    await downloadFromUrlPrefix(page, prefix);

    // Every symbol is watched: SPX alone reaches the as-of date 2020-04-17.
    await page.goto(`${server.url}#/overview`);
    // A cached model is the default forecaster.
    const model = page.getByLabel('Model');
    await model.locator(`option[value="url:${prefix}"]`).waitFor({ state: 'attached' });
    expect(await model.inputValue()).toBe(`url:${prefix}`);
    await page.getByRole('button', { name: /Compute signals/ }).click();
    await page.getByText(/1 signal computed/).waitFor({ timeout: 120_000 });
    const reasons = await page.locator('td.reason').allTextContents();
    expect(reasons).toHaveLength(1);
    for (const reason of reasons) expect(reason).toMatch(/expected return -?\d+\.\d\d% over 20 days; confidence \d+%/);
    await saveScreenshot(page, 'dashboard-signals-chronos2');

    // The model's actionable signals become mock trades that survive a reload (the whole journey on Chronos-2).
    const journalTitle = page.getByRole('heading', { name: /Trade journal \(\d+\)/ });
    const journalCount = async () => Number((await journalTitle.textContent())!.match(/\((\d+)\)/)![1]);
    const before = await journalCount();
    const execute = page.getByRole('button', { name: 'Execute selected as mock trades' });
    expect(await execute.isEnabled()).toBe(true);
    await execute.click();
    const executed = Number((await page.getByText(/Executed \d+ mock trades?/).textContent())!.match(/Executed (\d+)/)![1]);
    expect(executed).toBeGreaterThan(0);
    await expect.poll(journalCount).toBe(before + executed);
    const equity = await equityText(page);
    await page.reload();
    await expect.poll(journalCount, { timeout: 30_000 }).toBe(before + executed);
    expect(await equityText(page)).toBe(equity);
    expect(browser.errors).toEqual([]);
  });

  it("computes today's signals with a dual logistic model trained in the Models tab", async () => {
    const { page } = browser;
    await page.goto(`${server.url}#/models`);
    await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByTestId('auc-buy-test').waitFor({ timeout: 120_000 });

    await page.goto(`${server.url}#/overview?strategy=logistic`);
    const model = page.getByLabel('Model');
    await model.locator('option:not([value=""])').first().waitFor({ state: 'attached' });
    await page.getByRole('button', { name: /Compute signals/ }).click();
    await page.getByText(/1 signal computed/).waitFor({ timeout: 120_000 });
    const spx = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'SPX', exact: true }) }).filter({ has: page.locator('td.reason') });
    expect(await spx.locator('td.reason').textContent()).toMatch(/^P\(buy target\) \d+%; P\(sell target\) \d+%; threshold 65%/);
    // The model's probability is P(return over its horizon > buy target), not P(up): the column says so.
    const headers = page.locator('table:has(caption:text("Today\'s signals")) thead th');
    expect(await headers.allTextContents()).not.toContain('P(up)');
    const column = headers.filter({ hasText: 'P(buy target)' });
    expect(await column.getAttribute('title')).toMatch(/probability .*return over the next \d+ days.* above the buy target of \d/i);
    expect(browser.errors).toEqual([]);
  });

  it('switches to dark and remembers the choice', async () => {
    const { page } = browser;
    await page.goto(`${server.url}#/overview`);
    await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.getByLabel('Theme').selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await background();
    expect(dark).not.toBe(light);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
    expect(await background()).toBe(dark);
    await page.getByRole('figure', { name: 'Composition' }).locator('canvas').waitFor();
    await saveScreenshot(page, 'dashboard-dark');
    await page.getByLabel('Theme').selectOption('system');
    expect(await background()).toBe(light); // the browser reports a light system theme
  });

  it('navigates the tabs with the keyboard alone', async () => {
    const { page } = browser;
    await page.goto(server.url + '#/overview');
    await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
    await page.locator('body').focus();
    // Tab until the first tab link has focus (skip link, theme, jobs come first).
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.textContent === 'Overview' && document.activeElement.closest('nav') !== null)) break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overview');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none'); // visible focus
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Forecasts');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Forecasts' }).waitFor();
    expect(page.url()).toContain('#/forecasts');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Settings');
    await page.keyboard.press('ArrowRight'); // wraps around
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overview');
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
  });

  it('shows every tab non-blank on a wide screen and on a 360 px phone without sideways scrolling', async () => {
    const { page } = browser;
    for (const viewport of [{ width: 1280, height: 860 }, { width: 360, height: 740 }]) {
      await page.setViewportSize(viewport);
      for (const tab of tabs) {
        await page.goto(`${server.url}#/${tab.toLowerCase()}`);
        await page.getByRole('heading', { level: 2, name: tab }).waitFor();
        await ready[tab]?.(page);
        await page.waitForTimeout(300);
        const { buffer } = await saveScreenshot(page, `dashboard-${tab.toLowerCase()}-${viewport.width}`);
        expect(await pixelSpread(page, buffer), `${tab} at ${viewport.width}px`).toBeGreaterThan(8);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${tab} at ${viewport.width}px scrolls sideways`).toBeLessThanOrEqual(0);
      }
    }
    expect(browser.errors).toEqual([]);
  });

  it('settings: checked and saved at once, reset, and delete all data after a confirmation', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${server.url}#/settings`);
    const commission = page.getByLabel('Commission (%)', { exact: true });
    await commission.fill('0.2');
    await commission.press('Tab');
    // Marked as changed once the value is stored.
    await page.locator('.setting.changed', { has: commission }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Storage' }).waitFor();
    await page.waitForFunction(() => (document.querySelector('#setting-backtest-commission') as HTMLInputElement)?.value === '0.2');
    const forecastHorizon = page.locator('#setting-forecast-horizon');
    await forecastHorizon.fill('30');
    await forecastHorizon.press('Tab');
    await page.locator('.setting.changed', { has: forecastHorizon }).waitFor();
    // The saved defaults are where the Backtest and Forecasts forms start.
    await page.goto(`${server.url}#/backtest`);
    await expect.poll(() => page.getByLabel('Commission %').inputValue()).toBe('0.2');
    await page.goto(`${server.url}#/forecasts`);
    await expect.poll(() => page.getByLabel('Horizon (trading days)').inputValue()).toBe('30');
    await page.goto(`${server.url}#/settings`);
    await page.getByRole('heading', { name: 'Storage' }).waitFor();
    await commission.fill('50'); // above the 10% limit
    await commission.press('Tab');
    await page.getByRole('alert').filter({ hasText: /backtest\.commission.*between 0 and 0\.1/ }).waitFor();
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Reset to defaults' }).click();
    await page.getByText('Settings reset to defaults', { exact: true }).waitFor();
    expect(await commission.inputValue()).toBe('0.1');

    await page.getByRole('button', { name: 'Delete all data…' }).click();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Yes, delete all data' }).click()]);
    await page.goto(`${server.url}#/overview`);
    await page.getByRole('heading', { name: 'Trade journal (0)' }).waitFor();
    await page.getByText('No stored prices yet').first().waitFor();
    // Not a dead end: the demo comes back on request (the seeding on open stays a one-off).
    await page.getByRole('button', { name: 'Load the demo data' }).click();
    await page.getByText('Demo data loaded: SPX, MSFT, AMZN, IBM, GOOG, AAPL').waitFor();
    await page.getByRole('button', { name: 'Compute signals (1 symbol)' }).waitFor();
    expect(browser.errors).toEqual([]);
  });
});

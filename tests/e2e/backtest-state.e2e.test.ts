import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appInBrowser, artifactsDir, openJobsPanel, openTab, repoRoot, saveScreenshot } from './support';

/**
 * The Backtest tab keeps its work across tab switches (user review): the form, the unsaved result, the
 * sweep settings, and a sweep that finishes while another tab is open. The sweep says what it skipped,
 * belongs to its strategy, the Jobs panel lists the running job first, and on a phone the metrics
 * table shows the benchmark column without scrolling.
 */
describe('Backtest tab state', () => {
  const app = appInBrowser({ viewport: { width: 1280, height: 1000 } });
  const goToTab = async (name: string) => {
    await app.browser.page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    await app.browser.page.getByRole('heading', { level: 2, name }).waitFor();
  };

  it('keeps the form, the unsaved result and a sweep finishing while away; says what the sweep skipped', async () => {
    const { page } = app.browser;
    await openTab(page, app.server.url, 'Backtest');
    await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
    const form = page.getByRole('form', { name: 'Backtest settings' });
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await page.getByRole('heading', { level: 3, name: 'SMA 10/30, SPX' }).waitFor({ timeout: 120_000 });
    await form.getByRole('spinbutton', { name: 'Commission %' }).fill('0.2');

    // fast 5..50 step 5 × slow 10..100 step 10: 100 combinations, 25 with fast >= slow
    // (slow 10: 9 fasts, 20: 7, 30: 5, 40: 3, 50: 1), so 75 run.
    const sweep = page.getByRole('region', { name: 'Parameter sweep' });
    await sweep.getByLabel('Second setting').selectOption('slow');
    const numbers = sweep.getByRole('spinbutton');
    for (const [i, v] of ['5', '50', '5', '10', '100', '10'].entries()) await numbers.nth(i).fill(v);
    await sweep.getByRole('button', { name: 'Run sweep' }).click();
    await goToTab('Analytics');
    // Still running while away: the Jobs panel lists it first, above the finished backtest.
    const tray = await openJobsPanel(page);
    await expect(tray.locator('li').first().textContent()).resolves.toContain('sweep · running');
    await saveScreenshot(page, 'backtest-state-jobs-running');
    await tray.getByText('sweep · done').waitFor({ timeout: 180_000 });
    await page.keyboard.press('Escape');

    await goToTab('Backtest');
    await expect(form.getByRole('spinbutton', { name: 'Commission %' }).inputValue()).resolves.toBe('0.2');
    await page.getByRole('heading', { level: 3, name: 'SMA 10/30, SPX' }).waitFor(); // the unsaved result
    await sweep.getByText('SMA crossover on SPX: 75 of 100 combinations ran.').waitFor();
    await sweep.getByText(/^25 skipped, e\.g\. “.*fast < slow, got fast=10 slow=10”$/).waitFor();
    await expect(sweep.getByRole('table', { name: 'Sweep results' }).getByRole('row').count()).resolves.toBe(1 + 75);
    await expect(numbers.nth(1).inputValue()).resolves.toBe('50');
    await expect(sweep.getByRole('button', { name: 'Run sweep' }).isEnabled()).resolves.toBe(true);
    await saveScreenshot(page, 'backtest-state-sweep-kept');
    await sweep.screenshot({ path: join(artifactsDir, 'screenshots', 'backtest-state-sweep-panel.png') });

    // Another strategy: the SMA sweep goes (its columns would be the wrong settings).
    await form.getByLabel('Strategy').selectOption('rsi');
    await expect(sweep.getByRole('table', { name: 'Sweep results' }).count()).resolves.toBe(0);
    await goToTab('Analytics');
    await goToTab('Backtest');
    await expect(form.getByLabel('Strategy').inputValue()).resolves.toBe('rsi');
    expect(app.browser.errors).toEqual([]);
  });

  it("keeps a user's strategy file chosen across a tab switch", async () => {
    const { page } = app.browser;
    await openTab(page, app.server.url, 'Backtest');
    await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
    const form = page.getByRole('form', { name: 'Backtest settings' });
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add strategy file' }).click();
    await (await chooser).setFiles(join(repoRoot, 'tests/fixtures/strategies/my-cross.ts'));
    await form.getByLabel('Strategy').locator('option:checked', { hasText: 'My crossover' }).waitFor({ state: 'attached', timeout: 30_000 });
    await form.getByRole('spinbutton', { name: 'Slow days', exact: true }).fill('40');
    await goToTab('Analytics');
    await goToTab('Backtest');
    await form.getByLabel('Strategy').locator('option:checked', { hasText: 'My crossover' }).waitFor({ state: 'attached', timeout: 30_000 });
    await expect(form.getByRole('spinbutton', { name: 'Slow days', exact: true }).inputValue()).resolves.toBe('40');
    expect(app.browser.errors).toEqual([]);
  });

  it('shows the benchmark column of the metrics at 390 px without scrolling', async () => {
    const { page } = app.browser;
    await page.setViewportSize({ width: 390, height: 900 });
    try {
      await openTab(page, app.server.url, 'Backtest');
      await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Run backtest' }).click();
      const table = page.getByRole('table', { name: 'Backtest metrics' });
      await table.waitFor({ timeout: 120_000 });
      const benchmark = table.getByRole('columnheader', { name: /^Benchmark/ });
      await benchmark.scrollIntoViewIfNeeded();
      const fits = await table.evaluate((t) => ({ table: t.scrollWidth, scroller: t.parentElement!.clientWidth }));
      expect(fits.table).toBeLessThanOrEqual(fits.scroller);
      const header = (await benchmark.boundingBox())!;
      expect(header.x + header.width).toBeLessThanOrEqual(390);
      await table.screenshot({ path: join(artifactsDir, 'screenshots', 'backtest-state-metrics-390.png') });
    } finally {
      await page.setViewportSize({ width: 1280, height: 1000 });
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appInBrowser, openTab, saveScreenshot } from './support';

/**
 * Named runs, the tearsheet and the Analytics tab with saved runs, in real Chromium on the demo S&P 500
 * (seeded on first start), including the regressions of issue 12 (duplicate run names froze Analytics).
 */

async function runAndSave(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await page.getByRole('button', { name: 'Save run' }).waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Save run' }).click();
  await page.getByRole('button', { name: 'Saved' }).waitFor();
}

describe('saved runs in Analytics', () => {
  const app = appInBrowser({ viewport: { width: 1280, height: 1000 } });

  it('two runs with the same name both appear in Analytics, and the tab keeps working (defect 1)', async () => {
    const { page } = app.browser;
    await openTab(page, app.server.url, 'Backtest');
    await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
    await runAndSave(page);
    await runAndSave(page);
    const saved = page.getByRole('table', { name: 'Saved backtest runs' });
    await saved.getByRole('row').nth(2).waitFor();

    await openTab(page, app.server.url, 'Analytics');
    const runs = page.getByRole('group', { name: 'Saved backtest runs' }).getByRole('checkbox');
    await runs.nth(1).waitFor({ timeout: 30_000 });
    await runs.nth(0).check();
    await runs.nth(1).check();
    const varTable = page.getByRole('table', { name: 'Value at Risk' });
    await expect.poll(() => varTable.getByRole('rowheader', { name: /^Run: / }).count(), { timeout: 30_000 }).toBe(2);
    // A later change still takes effect.
    await page.getByLabel(/^Window/).selectOption({ index: 0 });
    await page.getByRole('figure', { name: /21-day window/ }).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'analytics-duplicate-run-names');
    expect(app.browser.errors).toEqual([]);
  });
});

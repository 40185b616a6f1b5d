import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { appInBrowser, openTab, saveScreenshot } from './support';

/**
 * Named runs, the tearsheet, report import and the Analytics tab with saved runs, in real Chromium on
 * the demo data (daily S&P 500 and monthly large caps, seeded on first start), at 1280 and 390 px,
 * including the regressions of issue 12: duplicate run names froze Analytics (defect 1), chart labels
 * (5: the heatmap's yearly column), mixed frequencies (8).
 */

/** "12.34" as the app formats a metric (two decimals, never "-0.00"). */
const two = (v: number) => { const t = v.toFixed(2); return t === '-0.00' ? '0.00' : t; };

async function runBacktest(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await page.getByRole('region', { name: 'Tearsheet' }).waitFor({ timeout: 120_000 });
}

async function runAndSave(page: Page): Promise<void> {
  await runBacktest(page);
  await page.getByRole('button', { name: 'Save run' }).click();
  await page.getByRole('button', { name: 'Saved' }).waitFor();
}

async function downloadJson(page: Page): Promise<{ path: string; report: Record<string, any> }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  const path = (await (await download).path())!;
  return { path, report: JSON.parse(readFileSync(path, 'utf8')) };
}

const rowTexts = (table: Locator) => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent!.trim())));

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
    await page.getByLabel(/^Window/).selectOption({ label: '1 month' });
    await page.getByRole('figure', { name: /, 21-day( \/ [^,]*)? window$/ }).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'analytics-duplicate-run-names');
    expect(app.browser.errors).toEqual([]);
  });

  it('says which series a comparison leaves out, and why (defect 8)', async () => {
    const { page } = app.browser;
    // A run from 2015 on: no date in common with monthly AAPL, which ends in 2010.
    await openTab(page, app.server.url, 'Backtest');
    await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('form', { name: 'Backtest settings' }).getByLabel('From').fill('2015-01-02');
    await runBacktest(page);
    await page.getByRole('textbox', { name: 'Run name' }).fill('Late SPX');
    await page.getByRole('textbox', { name: 'Run name' }).blur();
    await page.getByRole('button', { name: 'Save run' }).click();
    await page.getByRole('button', { name: 'Saved' }).waitFor();

    await page.goto(`${app.server.url}#/analytics?symbols=AAPL`);
    await page.getByRole('checkbox', { name: 'Late SPX' }).check({ timeout: 30_000 });
    const note = page.getByRole('note', { name: 'Series left out' });
    await note.waitFor({ timeout: 30_000 });
    await expect(note.textContent()).resolves.toMatch(/AAPL: its dates \(2000-01-31 to 2010-03-31\) do not overlap the others' \(from 2015-01-02\)/);
    // Both still get their own risk profile.
    await expect.poll(() => page.getByRole('table', { name: 'Value at Risk' }).getByRole('rowheader').allTextContents()).toEqual(['AAPL', 'Run: Late SPX']);
    expect(app.browser.errors).toEqual([]);
  });

  it('measures monthly AAPL in months beside daily SPX (defect 8)', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}#/analytics?symbols=AAPL,SPX&window=3`);
    const varTable = page.getByRole('table', { name: 'Value at Risk' });
    await expect.poll(() => varTable.getByRole('rowheader').allTextContents(), { timeout: 30_000 }).toEqual(['AAPL', 'SPX']);
    const rows = await rowTexts(varTable);
    const aapl = rows.find((r) => r[0] === 'AAPL')!;
    const spx = rows.find((r) => r[0] === 'SPX')!;
    expect([aapl[1], aapl.at(-1)]).toEqual(['122', 'one month']);
    expect([spx[1], spx.at(-1)]).toEqual(['5104', 'one day']);
    await page.getByRole('figure', { name: 'Rolling return, 3-month / 63-day window' }).waitFor();
    await saveScreenshot(page, 'analytics-mixed-frequencies');

    // AAPL alone: its 3-month rolling returns stay within what three months can do (not +2500%).
    await page.goto(`${app.server.url}#/analytics?symbols=AAPL&window=3`);
    const figure = page.getByRole('figure', { name: 'Rolling return, 3-month window' });
    await figure.getByRole('button', { name: /Show data table/ }).click({ timeout: 30_000 });
    const values = (await rowTexts(figure.getByRole('table'))).map((r) => Number(r[1])).filter(Number.isFinite);
    expect(values.length).toBeGreaterThan(100);
    expect(Math.max(...values)).toBeLessThan(1.5);
    expect(Math.max(...values)).toBeGreaterThan(0.2);
    expect(app.browser.errors).toEqual([]);
  });
});

for (const width of [1280, 390]) {
  describe(`tearsheet and named runs at ${width} px`, () => {
    const app = appInBrowser({ viewport: { width, height: 900 } });

    it('names, notes, the tearsheet matching the report JSON, the sortable comparison, and import', async () => {
      const { page } = app.browser;
      await openTab(page, app.server.url, 'Backtest');
      await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
      await runBacktest(page);
      await page.getByRole('heading', { level: 3, name: 'SMA 10/30, SPX' }).waitFor();
      const tearsheet = page.getByRole('region', { name: 'Tearsheet' });
      for (const title of ['Cumulative returns vs benchmark', 'End-of-year returns vs benchmark', 'Monthly returns (%)', 'Distribution of daily returns',
        'Rolling 126-day Sharpe (annualised)', 'Underwater (five worst drawdowns shaded)']) {
        await tearsheet.getByRole('figure', { name: title, exact: true }).locator('canvas').first().waitFor();
      }
      await tearsheet.getByText('daily data: 252 periods a year, rolling window 126-day').waitFor();
      const { report } = await downloadJson(page);

      // The tables show the report's numbers.
      const years = await rowTexts(tearsheet.getByRole('table', { name: 'End-of-year returns' }));
      expect(years).toEqual(report.yearlyReturns.map((y: { period: string; returnPct: number }, i: number) =>
        [y.period, two(y.returnPct), two(report.benchmarkYearlyReturns[i].returnPct), two(y.returnPct - report.benchmarkYearlyReturns[i].returnPct)]));
      const drawdowns = await rowTexts(tearsheet.getByRole('table', { name: 'Worst drawdowns' }));
      expect(drawdowns).toHaveLength(10);
      expect(drawdowns[0]).toEqual(['1', '2000-03-24', '2003-03-31', '2010-04-23', two(report.drawdowns[0].depthPct), '3682']);
      const metrics = page.getByRole('table', { name: 'Backtest metrics' }).first();
      const metric = async (label: string) => (await metrics.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) }).getByRole('cell').first().textContent())!.trim();
      expect(await metric('Skew')).toBe(two(report.metrics.skew));
      expect(await metric('Probabilistic Sharpe [%]')).toBe(two(report.metrics.probabilisticSharpePct));
      expect(await metric('SQN')).toBe(two(report.metrics.sqn));
      expect(await metric('Max. consecutive losses')).toBe(String(report.metrics.maxConsecutiveLosses));
      expect(await metric('Daily VaR 95% [%]')).toBe(two(report.metrics.var95Pct));
      // The monthly heatmap has the yearly column (defect 5).
      const heatmap = tearsheet.getByRole('figure', { name: 'Monthly returns (%)' });
      await heatmap.getByRole('button', { name: /Show data table/ }).click();
      await expect(heatmap.getByRole('columnheader').last().textContent()).resolves.toBe('Year %');
      await heatmap.getByRole('button', { name: /Hide data table/ }).click();
      for (const view of ['Log scale', 'Volatility-matched']) await tearsheet.getByRole('radio', { name: view }).check();
      await saveScreenshot(page, `tearsheet-${width}`);

      // A short name and notes, kept when saved.
      await page.getByRole('textbox', { name: 'Run name' }).fill('Trend 10/30');
      await page.getByRole('textbox', { name: 'Run name' }).blur();
      await page.getByRole('heading', { level: 3, name: 'Trend 10/30' }).waitFor();
      await page.getByRole('textbox', { name: 'Notes' }).fill('the default crossover');
      await page.getByRole('textbox', { name: 'Notes' }).blur();
      await page.getByRole('button', { name: 'Save run' }).click();
      await page.getByRole('button', { name: 'Saved' }).waitFor();
      const saved = page.getByRole('table', { name: 'Saved backtest runs' });
      await saved.getByRole('cell', { name: /Trend 10\/30\s*the default crossover/ }).waitFor();

      // A second run, saved, then compared: sortable columns, the first row follows the sort.
      await page.getByRole('spinbutton', { name: 'Fast SMA', exact: true }).fill('20');
      await page.getByRole('spinbutton', { name: 'Slow SMA', exact: true }).fill('50');
      await runAndSave(page);
      await page.getByRole('heading', { level: 3, name: 'SMA 20/50, SPX' }).waitFor();
      for (const box of await saved.getByRole('checkbox').all()) await box.check();
      const comparison = page.getByRole('table', { name: 'Run comparison' });
      await comparison.waitFor();
      const firstRun = async () => (await comparison.locator('tbody tr th').first().textContent())!.trim();
      await comparison.getByRole('button', { name: /^Return %/ }).click(); // 26.16 vs 25.51
      expect(await firstRun()).toBe('Trend 10/30');
      await expect(comparison.getByRole('columnheader', { name: /Return %/ }).getAttribute('aria-sort')).resolves.toBe('descending');
      await comparison.getByRole('button', { name: /^Return %/ }).click();
      expect(await firstRun()).toBe('SMA 20/50, SPX');
      await expect(comparison.locator('thead th').first().evaluate((th) => getComputedStyle(th).position)).resolves.toBe('sticky');
      const box = page.getByRole('region', { name: 'Comparison table' });
      const fits = await box.evaluate((el) => ({ inside: el.getBoundingClientRect().right <= window.innerWidth + 1, page: document.documentElement.scrollWidth <= window.innerWidth + 1, scrolls: el.scrollWidth > el.clientWidth }));
      expect(fits.inside && fits.page).toBe(true);
      if (width === 390) expect(fits.scrolls).toBe(true); // eleven metric columns scroll inside the box on a phone
      await page.getByRole('figure', { name: 'Equity of the compared runs' }).locator('canvas').first().waitFor();
      await box.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `runs-comparison-${width}`);

      // The report JSON re-opens as a run with the same tearsheet; a file of another kind changes nothing.
      const { path } = await downloadJson(page);
      const before = await saved.locator('tbody tr').count();
      await page.getByLabel('Import report (JSON)').setInputFiles({ name: 'bars.json', mimeType: 'application/json', buffer: Buffer.from('{"symbol":"AAPL","bars":[]}') });
      await page.getByRole('alert').filter({ hasText: 'bars.json: not a Quant Lens backtest report' }).waitFor();
      await expect(saved.locator('tbody tr').count()).resolves.toBe(before);
      await page.getByLabel('Import report (JSON)').setInputFiles(path);
      await expect.poll(() => saved.locator('tbody tr').count()).toBe(before + 1);
      await page.getByRole('heading', { level: 3, name: 'SMA 20/50, SPX' }).waitFor();
      await saved.getByText(/Imported from .*/).first().waitFor();
      const second = JSON.parse(readFileSync(path, 'utf8'));
      expect(await rowTexts(page.getByRole('region', { name: 'Tearsheet' }).getByRole('table', { name: 'End-of-year returns' })))
        .toEqual(second.yearlyReturns.map((y: { period: string; returnPct: number }, i: number) =>
          [y.period, two(y.returnPct), two(second.benchmarkYearlyReturns[i].returnPct), two(y.returnPct - second.benchmarkYearlyReturns[i].returnPct)]));
      expect(app.browser.errors).toEqual([]);
    });

    if (width === 1280) {
      it('a monthly series gets monthly windows and a monthly VaR (defect 8)', async () => {
        const { page } = app.browser;
        await openTab(page, app.server.url, 'Backtest');
        await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
        await page.getByRole('checkbox', { name: 'AAPL', exact: true }).check();
        await page.getByRole('checkbox', { name: 'SPX', exact: true }).uncheck();
        await runBacktest(page);
        const tearsheet = page.getByRole('region', { name: 'Tearsheet' });
        await tearsheet.getByText('monthly data: 12 periods a year, rolling window 6-month').waitFor();
        await tearsheet.getByRole('figure', { name: 'Distribution of monthly returns' }).waitFor();
        await page.getByRole('table', { name: 'Backtest metrics' }).getByRole('rowheader', { name: 'Monthly VaR 95% [%]' }).waitFor();
        await expect(page.getByText('Daily VaR').count()).resolves.toBe(0);
        await saveScreenshot(page, 'tearsheet-monthly');
        expect(app.browser.errors).toEqual([]);
      });
    }
  });
}

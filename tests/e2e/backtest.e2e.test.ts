import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appInBrowser, downloadFromUrlPrefix, modelFixtureSite, openJobsPanel, openTab, saveScreenshot, startServer } from './support';

/**
 * The Backtest tab in real Chromium: an SMA(10/30) crossover on the demo S&P 500 run in the compute
 * worker, its metrics next to the benchmark (the same numbers as the independent Python reference in
 * tests/fixtures/backtest), saving and comparing runs in IndexedDB, and the downloadable reports.
 */
describe('Backtest tab', () => {
  const app = appInBrowser({ viewport: { width: 1280, height: 1000 } });

  const metric = async (label: string, column = 1) => {
    const row = app.browser.page.getByRole('table', { name: 'Backtest metrics' }).first().getByRole('row').filter({ has: app.browser.page.getByRole('rowheader', { name: label, exact: true }) });
    return (await row.getByRole('cell').nth(column - 1).textContent())!.trim();
  };

  it('runs an SMA crossover on the demo SPX, saves, compares and downloads the report', async () => {
    const { page } = app.browser;
    await openTab(page, app.server.url, 'Backtest');
    const spx = page.getByRole('checkbox', { name: 'SPX', exact: true });
    await spx.waitFor({ timeout: 60_000 }); // demo data seeded on first start
    await expect(spx.isChecked()).resolves.toBe(true);
    await expect(page.getByRole('spinbutton', { name: 'Fast SMA', exact: true }).inputValue()).resolves.toBe('10');
    await expect(page.getByRole('spinbutton', { name: 'Slow SMA', exact: true }).inputValue()).resolves.toBe('30');

    await page.getByRole('button', { name: 'Run backtest' }).click();
    await page.getByRole('table', { name: 'Backtest metrics' }).waitFor({ timeout: 120_000 });
    // Same numbers as tests/fixtures/backtest/sma-cross-reference.json (scenario long-only).
    expect(await metric('Total return [%]')).toBe('26.16');
    expect(await metric('Total return [%]', 2)).toBe('97.53');
    expect(await metric('Trades')).toBe('87');
    expect(await metric('Max. drawdown [%]')).toBe('-32.29');
    for (const title of ['Cumulative returns vs benchmark', 'Underwater (five worst drawdowns shaded)', 'SPX: price, trades and equity', 'Monthly returns (%)', 'Distribution of trade returns']) {
      await page.getByRole('figure', { name: title, exact: true }).locator('canvas').first().waitFor();
    }
    await page.getByRole('radio', { name: 'Log scale' }).check();
    await page.getByRole('table', { name: 'Trades' }).getByRole('row').nth(1).waitFor();

    await page.getByRole('button', { name: 'Save run' }).click();
    await page.getByRole('button', { name: 'Saved' }).waitFor();
    await page.getByRole('table', { name: 'Saved backtest runs' }).getByRole('row').nth(1).waitFor();

    // Reports: offline HTML (inline SVG, no script), JSON, trades CSV.
    const htmlDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download report (HTML)' }).click();
    const htmlPath = await (await htmlDownload).path();
    const html = readFileSync(htmlPath, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const jsonDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'JSON', exact: true }).click();
    const report = JSON.parse(readFileSync(await (await jsonDownload).path(), 'utf8'));
    expect(report.format).toBe('quant-lens/backtest-report');
    expect(report.metrics.totalReturnPct).toBeCloseTo(26.1588, 3);
    expect(report.trades).toHaveLength(87);
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Trades CSV' }).click();
    const csv = readFileSync(await (await csvDownload).path(), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^symbol,direction,entryDate,exitDate/);
    expect(csv).toHaveLength(1 + 88); // 87 closed + 1 open

    await saveScreenshot(page, 'backtest');

    // A second run, saved, compared side by side with the first.
    await page.getByRole('spinbutton', { name: 'Fast SMA', exact: true }).fill('20');
    await page.getByRole('spinbutton', { name: 'Slow SMA', exact: true }).fill('50');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await page.getByRole('heading', { level: 3, name: 'SMA 20/50, SPX' }).waitFor({ timeout: 120_000 });
    expect(await metric('Total return [%]')).toBe('25.51'); // reference scenario long-only-20-50
    await page.getByRole('button', { name: 'Save run' }).click();
    const runsTable = page.getByRole('table', { name: 'Saved backtest runs' });
    await runsTable.getByRole('row').nth(2).waitFor();
    for (const box of await runsTable.getByRole('checkbox').all()) await box.check();
    await page.getByRole('heading', { level: 4, name: 'Comparison' }).waitFor();
    await page.getByRole('figure', { name: 'Equity of the compared runs' }).locator('canvas').first().waitFor();
    await saveScreenshot(page, 'backtest-compare');

    // The HTML report opens with the network off.
    await app.browser.context.setOffline(true);
    const reportFile = join(mkdtempSync(join(tmpdir(), 'ql-report-')), 'report.html');
    copyFileSync(htmlPath, reportFile);
    const offline = await app.browser.context.newPage();
    await offline.goto('file://' + reportFile);
    await offline.getByRole('heading', { level: 1, name: 'Backtest report' }).waitFor();
    expect(await offline.locator('svg').count()).toBeGreaterThanOrEqual(3);
    await saveScreenshot(offline, 'backtest-report-offline');
    await offline.close();
    await app.browser.context.setOffline(false);

    await page.reload();
    await page.getByRole('table', { name: 'Saved backtest runs' }).getByRole('row').nth(2).waitFor({ timeout: 60_000 });
    expect(app.browser.errors).toEqual([]);
  });

  it('sweeps SMA settings with an overfitting warning, and cancels a long run from the job tray', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url + '#/backtest');
    await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
    const sweep = page.getByRole('region', { name: 'Parameter sweep' });
    await sweep.getByLabel('Second setting').selectOption('slow');
    const numbers = sweep.getByRole('spinbutton');
    for (const [i, v] of ['5', '15', '5', '20', '40', '10'].entries()) await numbers.nth(i).fill(v);
    await sweep.getByRole('button', { name: 'Run sweep' }).click();
    await sweep.getByRole('note').filter({ hasText: 'Overfitting warning' }).waitFor({ timeout: 120_000 });
    const rows = sweep.getByRole('table', { name: 'Sweep results' }).getByRole('row');
    await expect(rows.count()).resolves.toBe(1 + 9);
    // Sorted by Sharpe, best first; fast=10 / slow=30 is one of the rows with the reference Sharpe 0.16.
    await sweep.getByRole('cell', { name: '0.16', exact: true }).first().waitFor();
    // Trade counts are whole numbers ("46", not "46.00": issue 12).
    const tradesColumn = await sweep.getByRole('table', { name: 'Sweep results' }).locator('thead th').allTextContents();
    const counts = await rows.evaluateAll((trs, col) => trs.slice(1).map((tr) => tr.children[col].textContent!.trim()), tradesColumn.findIndex((t) => t.startsWith('Trades')));
    expect(counts.every((c) => /^\d+$/.test(c))).toBe(true);
    await sweep.getByRole('figure', { name: /sharpe by fast \(x\) and slow \(y\)/ }).locator('canvas').first().waitFor();

    // A long run (ETS forecasts on every date) cancelled from the job tray.
    await page.getByLabel('Strategy').selectOption('forecast');
    await page.getByLabel('Forecaster').selectOption('baseline:ets');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const tray = await openJobsPanel(page);
    await tray.getByRole('button', { name: 'Cancel' }).click({ timeout: 60_000 });
    await tray.getByText('backtest · cancelled').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Run backtest' }).waitFor();
    await expect(page.getByRole('button', { name: 'Run backtest' }).isEnabled()).resolves.toBe(true);
    await saveScreenshot(page, 'backtest-sweep');
    expect(app.browser.errors).toEqual([]);
  });

  it('backtests a fixed-weight portfolio of SPX and AAPL, and says what is wrong with bad weights', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url + '#/backtest');
    await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('checkbox', { name: 'AAPL', exact: true }).check();
    const form = page.getByRole('form', { name: 'Backtest settings' });
    await form.getByLabel('Strategy').selectOption('fixed-weight');
    const weights = form.getByRole('textbox', { name: 'Weights (%)' });
    await weights.fill('SPX:60,AAPL:40');
    await expect(form.getByLabel('Rebalance rule').inputValue()).resolves.toBe('quarterly');
    await expect(form.getByRole('spinbutton', { name: 'Drift band (pp)' }).inputValue()).resolves.toBe('5');
    await form.getByLabel('Benchmark').selectOption('SPX');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await page.getByRole('heading', { level: 3, name: /^Fixed weights SPX:60,AAPL:40, rebalanced quarterly/ }).waitFor({ timeout: 120_000 });
    // The same run as `backtest --csv SPX.csv --csv stocks.csv --strategy fixed-weight --weights SPX:60,AAPL:40
    // --rebalance-rule quarterly` on the demo files, stocks.csv dated at month ends as the app stores it
    // (the CLI prints "return 357.52% (benchmark 97.53%)"; 421.58% on the file's first-of-month dates).
    expect(await metric('Total return [%]')).toBe('357.52');
    expect(await metric('Total return [%]', 2)).toBe('97.53');
    await saveScreenshot(page, 'backtest-fixed-weight');
    await page.setViewportSize({ width: 390, height: 900 });
    await saveScreenshot(page, 'backtest-fixed-weight-390');
    await page.setViewportSize({ width: 1280, height: 1000 });

    // Weights the strategy refuses are refused under the field, before anything runs.
    await weights.fill('SPX:70,AAPL:40');
    await form.getByRole('alert').filter({ hasText: 'weights add up to 110%, more than 100% (the rest of 100% stays in cash)' }).waitFor();
    await expect(weights.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByRole('button', { name: 'Run backtest' }).isDisabled()).resolves.toBe(true);
    await saveScreenshot(page, 'backtest-fixed-weight-error');
    // A symbol that is not ticked: the run says so (in the results panel, and in the job's toast).
    await weights.fill('SPX:60,MSFT:40');
    await expect(form.getByRole('alert').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await page.getByRole('alert').filter({ hasText: /^Backtest failed: fixed-weight: weights name MSFT, not in this backtest \(symbols: AAPL, SPX\)/ }).waitFor({ timeout: 30_000 });
    expect(app.browser.errors).toEqual([]);
    await page.reload(); // the next test starts from the default form (SPX alone)
  });

  it('backtests the forecast strategy with a cached Chronos-2 model in the forecast worker', async () => {
    // The tiny Chronos-2 test checkpoint, served like a self-hosted model and cached through the Forecasts tab.
    const models = await startServer({ dir: modelFixtureSite(['chronos2']) });
    try {
      const { page } = app.browser;
      await openTab(page, app.server.url, 'Forecasts');
      await downloadFromUrlPrefix(page, `${models.url}chronos2/`);

      await page.goto(app.server.url + '#/backtest');
      await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
      const form = page.getByRole('form', { name: 'Backtest settings' });
      await form.getByLabel('Strategy').selectOption('forecast');
      const cached = form.getByLabel('Forecaster').locator('option', { hasText: 'cached model' });
      await cached.first().waitFor({ state: 'attached', timeout: 30_000 });
      await form.getByLabel('Forecaster').selectOption((await cached.first().getAttribute('value'))!);
      await form.getByRole('spinbutton', { name: 'Horizon (days)' }).fill('10');
      await form.getByLabel('Rebalance').selectOption('monthly');
      await form.getByLabel('From').fill('2019-01-01');
      await form.getByLabel('To').fill('2019-12-31');
      await page.getByRole('button', { name: 'Run backtest' }).click();
      await page.getByRole('table', { name: 'Backtest metrics' }).waitFor({ timeout: 120_000 });
      // 12 month ends in 2019, the last cannot fill: 11 decisions (as in the CLI test with the same checkpoint).
      const signals = await Promise.all(['Buy signals', 'Sell signals', 'Hold signals'].map((label) => metric(label)));
      expect(signals.reduce((sum, v) => sum + Number(v), 0)).toBe(11);
      expect(await metric('Start')).toBe('2019-01-02');
      // The forecasts went to the forecast store: the job tray says so, and the same run again reuses all of them.
      const tray = await openJobsPanel(page);
      await tray.getByText('forecasts: 11 computed, 0 reused').waitFor({ timeout: 30_000 });
      const firstRun = await Promise.all(['Final equity', 'Sharpe ratio', 'Trades', 'Buy signals'].map((label) => metric(label)));
      await page.getByRole('button', { name: 'Run backtest' }).click(); // (a click elsewhere closes the Jobs panel)
      await openJobsPanel(page);
      await tray.getByText('forecasts: 0 computed, 11 reused').waitFor({ timeout: 120_000 });
      expect(await Promise.all(['Final equity', 'Sharpe ratio', 'Trades', 'Buy signals'].map((label) => metric(label)))).toEqual(firstRun);
      await saveScreenshot(page, 'backtest-chronos2');
      // Settings: one button empties the store.
      await page.goto(app.server.url + '#/settings');
      const clear = page.getByRole('button', { name: 'Clear stored forecasts' });
      await clear.waitFor({ timeout: 30_000 });
      await page.getByText('Stored model forecasts (reused)').waitFor();
      await clear.click();
      await page.getByText('Stored forecasts cleared').waitFor();
      await expect(clear.isDisabled()).resolves.toBe(true);
      await saveScreenshot(page, 'settings-forecast-store');
      expect(app.browser.errors).toEqual([]);
    } finally {
      await models.stop();
    }
  });
});

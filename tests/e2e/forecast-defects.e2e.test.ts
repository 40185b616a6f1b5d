/**
 * Defects of the Forecasts tab found by a new user (issue 12: 3, 4, 6, 7), each reproduced in the real
 * Chromium with the real forecast worker.
 *
 * 3: a forecast evaluation failed about once in five runs with onnxruntime's raw "Can't create a
 * session ... Module.MountedFiles is not available", shown in three places. Cause: the evaluation
 * loads every model at once, and ORT empties its one external-weights slot at the end of any session
 * creation (see workers/forecast/session-queue.ts). Each round below starts a fresh forecast worker
 * (reload) and evaluates Chronos-2 and Chronos-Bolt together, so both sessions are created at once
 * while the WASM module starts.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, chooseUrlPrefix, downloadFromUrlPrefix, launchBrowser, modelFixtureSite, openTab, saveScreenshot, startServer, type Browser, type RunningServer } from './support';

describe('Forecasts tab defects', () => {
  let app: RunningServer;
  let models: RunningServer;
  let browser: Browser;
  let site: string;

  beforeAll(async () => {
    site = modelFixtureSite(['chronos2', 'chronos-bolt']);
    app = await startServer();
    models = await startServer({ dir: site });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await models?.stop();
    rmSync(site, { recursive: true, force: true });
  });

  it('3: evaluates two models in a fresh worker every time (both sessions created at once)', async () => {
    const { page } = browser;
    await openTab(page, app.url, 'Forecasts');
    await page.locator('[data-testid=symbol] option[value=SPX]').waitFor({ state: 'attached', timeout: 60_000 });
    await downloadFromUrlPrefix(page, `${models.url}chronos2/`);
    // Review defect: once cached, the card shows the cached size and config.json's levels, not "unknown".
    const cachedBytes = ['config.json', 'model.safetensors'].reduce((sum, f) => sum + statSync(join(site, 'chronos2', f)).size, 0);
    await page.locator('.model-facts').getByText(`${(cachedBytes / 1e3).toFixed(0)} kB (cached)`).waitFor();
    const levels = (JSON.parse(readFileSync(join(site, 'chronos2', 'config.json'), 'utf8')) as { chronos_config: { quantiles: number[] } }).chronos_config.quantiles;
    await page.getByTestId('quantile-levels').getByText(`Quantile levels: ${levels.join(', ')} (Chronos-2)`).waitFor();
    await downloadFromUrlPrefix(page, `${models.url}chronos-bolt/`);
    const failures: string[] = [];
    for (let round = 0; round < 6; round++) {
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Forecasts' }).waitFor();
      const evaluation = page.locator('section.evaluation');
      // Only the two Chronos models, so both sessions are created together.
      await evaluation.locator('input[type=checkbox][value^="url:"]').nth(1).waitFor();
      await evaluation.locator('input[type=checkbox][value^="baseline:"]').first().waitFor();
      for (const box of await evaluation.locator('input[type=checkbox][value^="baseline:"]').all()) await box.uncheck();
      await expect(evaluation.getByRole('checkbox', { checked: true }).count()).resolves.toBe(2);
      await page.locator('label', { hasText: 'Windows' }).locator('input').fill('3');
      await evaluation.getByRole('button', { name: 'Evaluate' }).click();
      const done = evaluation.locator('[data-testid=evaluation-table] tbody tr').first();
      const failed = page.getByRole('alert');
      await Promise.race([done.waitFor({ timeout: 120_000 }), failed.first().waitFor({ timeout: 120_000 })]);
      if (await failed.count()) failures.push(`round ${round}: ${(await failed.allTextContents()).join(' | ')}`);
    }
    console.log(failures.length ? failures.join('\n') : 'six rounds, no failure');
    expect(failures).toEqual([]);
  });
  it('6: names cached models readably, and a new name persists and shows in menus and legends', async () => {
    const { page } = browser;
    const boltId = `url:${models.url}chronos-bolt/`;
    const row = page.locator(`.cached-models tr[data-model-id="${boltId}"]`);
    const port = new URL(models.url).port;
    await expect(row.getByTestId('model-name').textContent()).resolves.toBe(`Chronos-Bolt 0.3M (chronos-bolt on 127.0.0.1:${port})`);
    await expect(page.locator(`[data-testid=forecaster] option[value="${boltId}"]`).textContent()).resolves.toBe(`Chronos-Bolt 0.3M (chronos-bolt on 127.0.0.1:${port})`);
    await row.getByRole('button', { name: /^Rename/ }).click();
    await row.getByRole('textbox').fill('Tiny Bolt');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByTestId('model-name').getByText('Tiny Bolt').waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Forecasts' }).waitFor();
    await page.locator(`.cached-models tr[data-model-id="${boltId}"]`).getByTestId('model-name').getByText('Tiny Bolt').waitFor();
    await expect(page.locator(`[data-testid=forecaster] option[value="${boltId}"]`).textContent()).resolves.toBe('Tiny Bolt');
    // The forecast card and the evaluation legend use it too.
    await page.getByTestId('forecaster').selectOption(boltId);
    await page.getByTestId('symbol').selectOption('SPX');
    await page.getByRole('button', { name: 'Forecast', exact: true }).click();
    const card = page.locator(`.forecast-result[data-model-id="${boltId}"]`);
    await card.getByText('Tiny Bolt').waitFor({ timeout: 120_000 });
    await saveScreenshot(page, 'forecast-named-model');
    const evaluation = page.locator('section.evaluation');
    for (const box of await evaluation.locator('input[type=checkbox][value^="baseline:"]').all()) await box.uncheck();
    await evaluation.getByRole('button', { name: 'Evaluate' }).click();
    await evaluation.locator('[data-testid=evaluation-table] tbody th', { hasText: 'Tiny Bolt' }).waitFor({ timeout: 120_000 });
    expect(browser.errors).toEqual([]);
  });

  it('4: draws the fan chart with legend colours equal to the bands and no band below its lower bound', async () => {
    const { page } = browser;
    const card = page.locator('.forecast-result');
    const option = await card.locator('.chart-canvas').evaluate((el) => {
      const chart = (el as HTMLElement & { chart?: { getOption(): { series: { name: string; data: (number | null)[]; itemStyle?: { color?: string }; areaStyle?: { color?: string }; stackStrategy?: string }[] } } }).chart!;
      return chart.getOption().series.map((s) => ({ name: s.name, min: Math.min(...s.data.filter((v): v is number => v !== null)), item: s.itemStyle?.color, area: s.areaStyle?.color, stackStrategy: s.stackStrategy }));
    });
    for (const band of option.filter((s) => s.name === '80% interval' || s.name === '95% interval')) {
      expect(band.item).toBe(band.area);
      expect(band.min).toBeGreaterThanOrEqual(0);
      expect(band.stackStrategy).toBe('all');
    }
    await card.screenshot({ path: join(artifactsDir, 'screenshots', 'forecast-fan-desktop.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300); // the chart follows its box's new width
    await card.screenshot({ path: join(artifactsDir, 'screenshots', 'forecast-fan-phone.png') });
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('7: a failed download says what happened and offers the URL and local-file sources', async () => {
    const { page } = browser;
    await openTab(page, app.url, 'Forecasts');
    // The catalog's quantile levels are not claimed to come from config.json before it is read.
    await page.getByRole('radio', { name: 'Catalog' }).check();
    await page.getByTestId('quantile-levels').getByText('config.json not read yet').waitFor();
    expect(await page.getByText('confirmed from config.json').count()).toBe(0);

    // Nothing listens on port 9: the browser cannot connect (retries take about 15 s). HTTP statuses are
    // worded by the same function (tests/unit/forecast/download-failure.test.ts).
    await chooseUrlPrefix(page, 'http://127.0.0.1:9/models/');
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    const failure = page.getByTestId('download-failure');
    await failure.getByText('Could not reach 127.0.0.1:9.').waitFor({ timeout: 90_000 });
    await expect(failure.locator('code').textContent()).resolves.toBe('http://127.0.0.1:9/models/config.json');
    expect(await page.getByText('Failed to fetch').count()).toBe(0);
    expect(await page.locator('.toast-error').count()).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('fieldset.model-source').screenshot({ path: join(artifactsDir, 'screenshots', 'forecast-download-failure-phone.png') });
    await page.setViewportSize({ width: 1280, height: 860 });
    await failure.getByRole('button', { name: 'Use files on this device' }).click();
    await page.getByText('config.json and model.safetensors (or a .onnx file)').waitFor();
    expect(await failure.count()).toBe(0);
  });
});

/**
 * Defect: a forecast evaluation failed about once in five runs with onnxruntime's raw "Can't create a
 * session ... Module.MountedFiles is not available", shown in three places. Cause: the evaluation
 * loads every model at once, and ORT empties its one external-weights slot at the end of any session
 * creation (see workers/forecast/session-queue.ts). Each round below starts a fresh forecast worker
 * (reload) and evaluates Chronos-2 and Chronos-Bolt together, so both sessions are created at once
 * while the WASM module starts.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFromUrlPrefix, launchBrowser, modelFixtureSite, openTab, startServer, type Browser, type RunningServer } from './support';

describe('forecast evaluation of two models in a fresh worker', () => {
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

  it('succeeds every time, and a failure would be one message', async () => {
    const { page } = browser;
    await openTab(page, app.url, 'Forecasts');
    await page.locator('[data-testid=symbol] option[value=SPX]').waitFor({ state: 'attached', timeout: 60_000 });
    await downloadFromUrlPrefix(page, `${models.url}chronos2/`);
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
});

/**
 * Browser end-to-end support: everything of browser.ts plus helpers that hook into vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, startServer, type Browser, type BrowserOptions, type RunningServer } from './browser';

export * from './browser';

/**
 * The app served from the build and one Chromium shared by the tests of a describe block: started in
 * beforeAll, closed in afterAll. Read `server` and `browser` inside the tests (they are set once started).
 */
export function appInBrowser(options: BrowserOptions = {}): { server: RunningServer; browser: Browser } {
  const app = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    app.server = await startServer();
    app.browser = await launchBrowser(options);
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}

/** In the Forecasts tab: chooses the "URL prefix" model source and enters `prefix`. */
export async function chooseUrlPrefix(page: Page, prefix: string): Promise<void> {
  await page.getByRole('radio', { name: 'URL prefix' }).check();
  await page.getByRole('textbox', { name: 'URL prefix', exact: true }).fill(prefix);
}

/** In the Forecasts tab: downloads the model at `prefix` and waits until it is cached. */
export async function downloadFromUrlPrefix(page: Page, prefix: string): Promise<void> {
  await chooseUrlPrefix(page, prefix);
  await clickDownloadAndWaitCached(page);
}

export async function clickDownloadAndWaitCached(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  await page.getByTestId('cache-status').getByText('cached').waitFor({ timeout: 60_000 });
}

/**
 * Opens the Jobs panel (it opens on demand only, and a click anywhere else closes it) unless it is open, and
 * returns it. The button's name starts with "Jobs" and, while a job runs, goes on with that job's progress.
 */
/**
 * Dismisses every message on screen. A message may expire or move while it is clicked (success messages go by
 * themselves; the stack shifts), so a click that misses is tried again on what is left, not waited on.
 */
export async function dismissToasts(page: Page): Promise<void> {
  const buttons = page.getByRole('button', { name: 'Dismiss message' });
  for (let tries = 0; tries < 50 && (await buttons.count()) > 0; tries++) await buttons.first().click({ timeout: 2000 }).catch(() => undefined);
}

export async function openJobsPanel(page: Page): Promise<Locator> {
  const panel = page.getByRole('region', { name: 'Jobs' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^Jobs/ }).click();
  await panel.waitFor();
  return panel;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, startServer, type Browser, type RunningServer } from './support';

describe('app shell', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loads with every tab reachable by its URL', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Quant Lens');
    for (const tab of ['Data', 'Forecasts', 'Models', 'Backtest', 'Analytics', 'Settings', 'Overview']) {
      await page.getByRole('link', { name: tab, exact: true }).click();
      await page.getByRole('heading', { level: 2, name: tab }).waitFor();
      expect(page.url()).toContain('#/' + tab.toLowerCase());
    }
    await saveScreenshot(page, 'shell');
    expect(browser.errors).toEqual([]);
  });
});

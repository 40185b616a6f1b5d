import { describe, expect, it } from 'vitest';
import { appInBrowser, saveScreenshot } from './support';

describe('app shell', () => {
  const app = appInBrowser();

  it('loads with every tab reachable by its URL', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Quant Lens');
    for (const tab of ['Data', 'Forecasts', 'Models', 'Backtest', 'Analytics', 'Settings', 'Overview']) {
      await page.getByRole('link', { name: tab, exact: true }).click();
      await page.getByRole('heading', { level: 2, name: tab }).waitFor();
      expect(page.url()).toContain('#/' + tab.toLowerCase());
      expect(await page.getByRole('link', { name: tab, exact: true }).getAttribute('aria-current')).toBe('page');
    }
    await saveScreenshot(page, 'shell');
    expect(app.browser.errors).toEqual([]);
  });

  it('opens deep links with their selections, and back/forward restore them', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}#/analytics?symbols=SPX&window=21&measure=volatility`);
    await page.getByRole('heading', { level: 2, name: 'Analytics' }).waitFor();
    await page.getByRole('figure', { name: 'Rolling volatility (annualised), 21-day window' }).waitFor();
    expect(await page.getByLabel('Window (days)').inputValue()).toBe('21');
    expect(await page.getByRole('checkbox', { name: 'SPX' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'AAPL' }).isChecked()).toBe(false);

    // A new selection is a new history entry.
    await page.getByRole('checkbox', { name: 'AAPL' }).check();
    await page.waitForURL(/symbols=SPX%2CAAPL/);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Settings' }).waitFor();

    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'Analytics' }).waitFor();
    await page.waitForURL(/symbols=SPX%2CAAPL/);
    expect(await page.getByRole('checkbox', { name: 'AAPL' }).isChecked()).toBe(true);
    await page.goBack();
    await page.waitForURL(/symbols=SPX&/);
    expect(await page.getByRole('checkbox', { name: 'AAPL' }).isChecked()).toBe(false);
    await page.goForward();
    await page.waitForURL(/symbols=SPX%2CAAPL/);
    expect(await page.getByRole('checkbox', { name: 'AAPL' }).isChecked()).toBe(true);
    expect(app.browser.errors).toEqual([]);
  });

  it('shows a running job in the tray and its result as a toast', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}#/overview?model=baseline%3Adrift`);
    await page.getByRole('button', { name: /Compute signals/ }).click();
    // The tray opens by itself and lists the job.
    const tray = page.getByRole('region', { name: 'Jobs' });
    await tray.waitFor();
    await tray.getByText("Today's signals").waitFor();
    await page.getByText(/\d+ signals computed/).waitFor({ timeout: 120_000 });
    await tray.getByText('forecast · done').waitFor();
    await page.getByRole('button', { name: 'Dismiss message' }).first().click();
    await tray.getByRole('button', { name: 'Clear finished' }).click();
    await tray.getByText('No jobs yet').waitFor();
    expect(app.browser.errors).toEqual([]);
  });
});

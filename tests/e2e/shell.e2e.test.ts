import { describe, expect, it } from 'vitest';
import { appInBrowser, openJobsPanel, saveScreenshot } from './support';

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
    await page.goto(`${app.server.url}#/analytics?symbols=SPX&window=1&measure=volatility`);
    await page.getByRole('heading', { level: 2, name: 'Analytics' }).waitFor();
    await page.getByRole('figure', { name: 'Rolling volatility (annualised), 21-day window' }).waitFor();
    expect(await page.getByRole('combobox', { name: /^Window/ }).inputValue()).toBe('1'); // one month: 21 daily periods
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

  it('shows a running job inside the Jobs button, never opens the panel by itself, and toasts the result', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}#/overview?model=baseline%3Adrift`);
    await page.reload();
    await page.getByRole('button', { name: /Compute signals/ }).waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { sawJobInButton: boolean; sawPanel: boolean };
      [w.sawJobInButton, w.sawPanel] = [false, false];
      new MutationObserver(() => {
        if (document.querySelector('[data-testid=jobs-running]')) w.sawJobInButton = true;
        if (document.querySelector('#job-tray-panel')) w.sawPanel = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: /Compute signals/ }).click();
    await page.getByText(/\d+ signals? computed/).waitFor({ timeout: 120_000 }); // one as-of date: only SPX in the demo
    const seen = await page.evaluate(() => {
      const w = window as unknown as { sawJobInButton: boolean; sawPanel: boolean };
      return { sawJobInButton: w.sawJobInButton, sawPanel: w.sawPanel };
    });
    expect(seen.sawJobInButton).toBe(true);
    expect(seen.sawPanel).toBe(false);
    await page.getByTestId('jobs-running').waitFor({ state: 'detached' });

    // Opened on demand, it lists the finished job; Escape closes it.
    const tray = await openJobsPanel(page);
    await tray.getByText('forecast · done').waitFor();
    await page.keyboard.press('Escape');
    await tray.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Dismiss message' }).first().click();
    await openJobsPanel(page);
    await tray.getByRole('button', { name: 'Clear finished' }).click();
    await tray.getByText('No jobs yet').waitFor();
    // A click elsewhere closes it.
    await page.getByRole('heading', { level: 2, name: 'Overview' }).click();
    await tray.waitFor({ state: 'detached' });
    expect(app.browser.errors).toEqual([]);
  });

  it('on a phone: stacked messages show the newest two, the rest behind "more", and go away with Dismiss all', async () => {
    const { page } = app.browser;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${app.server.url}#/settings`);
      await page.getByRole('heading', { level: 2, name: 'Settings' }).waitFor();
      // Three refused settings files: three error messages, which stay until dismissed.
      const input = page.getByLabel('Import settings');
      for (let i = 1; i <= 3; i++) await input.setInputFiles({ name: `bad-${i}.json`, mimeType: 'application/json', buffer: Buffer.from('{"format": "nope"}') });
      const toasts = page.getByRole('status').filter({ has: page.getByRole('alert') });
      await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Not a settings file' }).count()).toBe(2);
      const more = toasts.getByRole('button', { name: '1 more message' });
      await more.waitFor();
      expect((await toasts.boundingBox())!.height).toBeLessThan(844 * 0.3);
      await saveScreenshot(page, 'shell-phone-toasts');
      await more.click();
      await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Not a settings file' }).count()).toBe(3);
      await toasts.getByRole('button', { name: 'Dismiss all' }).click();
      await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });

  it('on a phone: the active tab is fully in view, clear of the scroll chevrons and their fade', async () => {
    const { page } = app.browser;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      // Review defect: on Backtest the chosen tab sat under the right chevron. Each tab, opened by its URL.
      for (const [id, name] of [['backtest', 'Backtest'], ['analytics', 'Analytics'], ['data', 'Data'], ['models', 'Models']]) {
        await page.goto(`${app.server.url}#/${id}`);
        await page.getByRole('heading', { level: 2, name }).waitFor();
        const link = page.getByRole('link', { name, exact: true });
        await page.waitForTimeout(100); // the bar measures itself after the tab's layout
        const tab = (await link.boundingBox())!;
        const nav = (await page.getByRole('navigation', { name: 'Main' }).boundingBox())!;
        expect(tab.x).toBeGreaterThanOrEqual(nav.x);
        expect(tab.x + tab.width).toBeLessThanOrEqual(nav.x + nav.width);
        for (const chevron of await page.locator('.tab-bar button.scroll').all()) {
          const c = (await chevron.boundingBox())!;
          const overlaps = c.x < tab.x + tab.width && tab.x < c.x + c.width;
          expect(overlaps, `${name} tab under a chevron`).toBe(false);
        }
        if (id === 'backtest') await saveScreenshot(page, 'shell-phone-active-tab');
      }
      expect(app.browser.errors).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });

  it('on a phone: the open Jobs panel leaves the tabs tappable, the tab bar says it scrolls, Getting started stays small', async () => {
    const { page } = app.browser;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.evaluate(() => localStorage.removeItem('ql-getting-started-seen'));
      await page.goto(`${app.server.url}#/overview`);
      await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();

      // Getting started: on the Overview only, a few lines, leading with current prices; the demo is not offered again.
      const guide = page.getByRole('region', { name: 'Getting started' });
      await guide.waitFor();
      const guideBox = (await guide.boundingBox())!;
      expect(guideBox.height).toBeLessThan(844 * 0.3);
      expect((await guide.getByRole('button').nth(1).textContent())?.trim()).toBe('1. Get current prices');
      await saveScreenshot(page, 'shell-phone-overview');
      await page.getByRole('link', { name: 'Data', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: 'Data' }).waitFor();
      expect(await guide.count()).toBe(0);

      // The tab bar hints that more tabs are to the right, and the chevron scrolls to them.
      const more = page.getByTestId('more-tabs');
      await more.waitFor();
      await more.click();
      await page.waitForFunction(() => (document.querySelector('nav[aria-label=Main]')?.scrollLeft ?? 0) > 0);

      // The Jobs panel opens as a bottom sheet: the header's tab links are still what a tap reaches.
      await openJobsPanel(page);
      await saveScreenshot(page, 'shell-phone-jobs');
      const link = page.getByRole('link', { name: 'Settings', exact: true });
      await link.scrollIntoViewIfNeeded();
      const box = (await link.boundingBox())!;
      const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('a')?.textContent, [box.x + box.width / 2, box.y + box.height / 2]);
      expect(hit).toBe('Settings');
      await link.click();
      await page.getByRole('heading', { level: 2, name: 'Settings' }).waitFor();
      expect(app.browser.errors).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });
});

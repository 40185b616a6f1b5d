/**
 * Two tabs of one browser on the same data: simultaneous trades never overspend a portfolio, a
 * journal that no longer replays is shown with a repair, and the tabs see each other's changes.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { rawDb } from './raw-db';
import { appInBrowser, dismissToasts, saveScreenshot } from './support';

const app = appInBrowser();

interface StoredTrade {
  id: string;
  portfolioId: string;
  date: string;
  symbol: string;
  side: string;
  quantity: number;
  price: number;
  commission: number;
}

const activePortfolioId = (page: Page) => rawDb<string>(page, { store: 'settings', get: 'paper.activePortfolio' });
const setActivePortfolio = (page: Page, id: string) => rawDb(page, { store: 'settings', putAt: ['paper.activePortfolio', id] });
const journalOf = (page: Page, portfolioId: string) => rawDb<StoredTrade[]>(page, { store: 'portfolioTrades', index: 'byPortfolio', key: portfolioId });

/** Loads the Overview afresh (a new document, not just a hash change). */
async function openOverview(page: Page): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${app.server.url}#/overview`);
  await page.getByRole('heading', { name: /Trade journal \(\d+\)/ }).waitFor({ timeout: 60_000 });
}

/** Creates and activates a portfolio through the UI of `page`. */
async function createPortfolio(page: Page, name: string, capital: number): Promise<void> {
  await page.getByRole('button', { name: 'New…' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByLabel('Starting capital').fill(String(capital));
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByText(`Created "${name}"`).waitFor();
}

async function fillOrder(page: Page, symbol: string, quantity: number): Promise<void> {
  await page.getByLabel('Symbol').selectOption(symbol);
  await page.getByLabel('Side').selectOption('buy');
  await page.getByLabel('Shares').fill(String(quantity));
}

const journalCount = async (page: Page) => Number((await page.getByRole('heading', { name: /Trade journal \(\d+\)/ }).textContent())!.match(/\((\d+)\)/)![1]);

/** Submits the trade form of every page in the same instant (no await between them). */
async function submitTogether(pages: Page[]): Promise<void> {
  await Promise.all(pages.map((p) => p.evaluate(() => (document.querySelector('form:has(button.primary[type=submit])') as HTMLFormElement).requestSubmit())));
}

describe('two tabs', () => {
  it('never both buy what only one can afford (10 trials at the same moment)', { timeout: 300_000 }, async () => {
    const first = app.browser.page;
    const second = await app.browser.context.newPage();
    for (const page of [first, second]) page.setDefaultTimeout(20_000);
    await openOverview(first);
    // One SPX share (last close 2874.56 in the demo) fits in 5,000 of cash; two do not.
    for (let trial = 1; trial <= 10; trial++) {
            await createPortfolio(first, `Race ${trial}`, 5000);
      const id = await activePortfolioId(first);
      await openOverview(second); // picks up the active portfolio
      expect(await second.getByRole('combobox', { name: /^Portfolio/ }).inputValue()).toBe(id);
      await fillOrder(first, 'SPX', 1);
      await fillOrder(second, 'SPX', 1);
      await submitTogether([first, second]);
      const outcome = async (page: Page) => {
        const message = page.getByText(/^(Bought 1 SPX at|Not executed: )/).first();
        await message.waitFor();
        return message.textContent();
      };
      const messages = await Promise.all([outcome(first), outcome(second)]);

      const journal = await journalOf(first, id);
      const spent = journal.reduce((sum, t) => sum + t.quantity * t.price + t.commission, 0);
      expect(spent, `trial ${trial}: spent ${spent} of 5000`).toBeLessThanOrEqual(5000);
      expect(journal, `trial ${trial}`).toHaveLength(1);
      // One tab bought; the other says clearly why it did not.
      expect(messages.filter((m) => m?.startsWith('Bought 1 SPX at'))).toHaveLength(1);
      // The demo's last SPX close 2874.560059, +0.05% slippage = 2875.9973, +0.1% commission = 2878.87; 5000 - 2878.87 = 2121.13.
      expect(messages.find((m) => m?.startsWith('Not executed'))).toBe('Not executed: SPX: buying 1 costs 2878.87 but only 2121.13 cash is left');
      for (const page of [first, second]) await dismissToasts(page);
    }
    await second.close();
    expect(app.browser.errors).toEqual([]);
  });

  it("shows a symbol imported in one tab in the other tab's Data table", async () => {
    const [first, second] = [app.browser.page, await app.browser.context.newPage()];
    for (const page of [first, second]) {
      page.setDefaultTimeout(20_000);
      await page.goto('about:blank');
      await page.goto(`${app.server.url}#/data`);
      await page.locator('tr[data-symbol="SPX"]').waitFor();
    }
    // Bars up to SPX's last demo date, so the portfolios' as-of date stays 2020-04-17.
    const csv = 'Date,Open,High,Low,Close,Volume\n2020-04-15,10,11,9,10.5,1000\n2020-04-16,10.5,12,10,11.5,1200\n2020-04-17,11.5,12.5,11,12,900\n';
    await first.getByTestId('import-files').setInputFiles({ name: 'XTAB.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await first.getByRole('button', { name: 'Import 1 symbol' }).click();
    await first.locator('tr[data-symbol="XTAB"]').waitFor();
    // The other tab was not reloaded: the change reached it through the BroadcastChannel.
    await second.locator('tr[data-symbol="XTAB"]').waitFor();
    expect(await second.locator('tr[data-symbol="XTAB"]').textContent()).toContain('2020-04-152020-04-173');
    await second.close();
    expect(app.browser.errors).toEqual([]);
  });

  it("refreshes the other tab's Overview after a trade, and refuses a trade into a portfolio deleted in the meantime", async () => {
    const [first, second] = [app.browser.page, await app.browser.context.newPage()];
    for (const page of [first, second]) page.setDefaultTimeout(20_000);
    await app.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
    await openOverview(first);
    await createPortfolio(first, 'Shared', 10_000);
    const id = await activePortfolioId(first);
    await openOverview(second);
    expect(await journalCount(second)).toBe(0);
    await fillOrder(first, 'SPX', 1);
    await first.getByRole('button', { name: 'Buy', exact: true }).click();
    await first.getByText(/^Bought 1 SPX at/).waitFor();
    // The second tab shows the trade without a reload.
    await expect.poll(() => journalCount(second)).toBe(1);
    expect(await second.getByRole('row').filter({ hasText: 'SPXbuy1' }).count()).toBe(1);

    // Another tab deletes the portfolio (straight in IndexedDB, so no notice reaches the second tab first).
    const trades = await journalOf(first, id);
    await rawDb(first, { store: 'portfolioTrades', remove: trades.map((t) => t.id) });
    await rawDb(first, { store: 'portfolios', remove: [id] });
    await fillOrder(second, 'XTAB', 2);
    await second.getByRole('button', { name: 'Buy', exact: true }).click();
    const refusal = second.getByText('Not executed: The portfolio "Shared" no longer exists (deleted in another tab?): the trade was not booked', { exact: true });
    await refusal.waitFor();
    expect(await journalOf(second, id)).toEqual([]); // nothing orphaned
    await saveScreenshot(second, 'tabs-deleted-portfolio');

    // The toast shows the message only; the stack is behind "Copy details".
    const toast = second.getByRole('alert').filter({ has: refusal });
    expect(await second.locator('body').innerText()).not.toMatch(/\.js:\d+:\d+|\bat [A-Za-z.]+ \(/);
    await toast.getByRole('button', { name: 'Copy details' }).click();
    await toast.getByRole('button', { name: 'Details copied' }).waitFor();
    const copied = await second.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^Not executed: The portfolio "Shared" no longer exists[^\n]*\n+Error: The portfolio "Shared" no longer exists.*\n\s+at /);
    await second.close();
    expect(app.browser.errors).toEqual([]);
  });

  it('shows a journal that no longer replays, names the failing entry, and repairs it', async () => {
    const page = app.browser.page;
    page.setDefaultTimeout(20_000);
    await openOverview(page);
    // What two tabs could write before the fix: two buys of 6 GOOG against 5,000 of cash, then a sell.
    const portfolio = { id: 'pf-broken', name: 'Broken', startingCapital: 5000, costs: { commission: 0.001, slippage: 0 }, createdAt: '2026-01-01T00:00:00.000Z' };
    const trade = (id: string, side: string, quantity: number, executedAt: string) => ({
      id, portfolioId: portfolio.id, date: '2010-03-31', executedAt, symbol: 'GOOG', side, quantity, marketPrice: 561, price: 561, commission: quantity * 561 * 0.001, source: 'manual',
    });
    await rawDb(page, { store: 'portfolios', put: [portfolio] });
    await rawDb(page, { store: 'portfolioTrades', put: [trade('tr-1', 'buy', 6, '2026-01-02T10:00:00.000Z'), trade('tr-2', 'buy', 6, '2026-01-02T10:00:00.001Z'), trade('tr-3', 'sell', 2, '2026-01-02T11:00:00.000Z')] });
    await setActivePortfolio(page, portfolio.id);
    await openOverview(page);
    const repair = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'The trade journal does not add up' }) });
    await repair.waitFor();
    // 6 x 561 + 0.1% = 3,369.37; 5,000 - 3,369.37 = 1,630.63 left for the second buy.
    expect((await repair.locator('p').first().textContent())!.replace(/\s+/g, ' ').trim()).toBe(
      'Entry 2 of 3 cannot be replayed: 2010-03-31 buy 6 GOOG at 561.00 — GOOG: buying 6 costs 3369.37 but only 1630.63 cash is left.',
    );
    // The portfolio is shown as before that entry: one buy, cash 1,630.63.
    expect(await page.locator('dl[aria-label="Portfolio summary"]').textContent()).toContain('1,630.63');
    await saveScreenshot(page, 'tabs-journal-repair');
    page.once('dialog', (d) => d.accept());
    await repair.getByRole('button', { name: 'Remove just this entry' }).click();
    await page.getByText('Removed 1 journal entry').waitFor();
    await expect.poll(() => repair.count()).toBe(0);
    expect(await journalCount(page)).toBe(2);
    expect((await journalOf(page, portfolio.id)).map((t) => t.id).sort()).toEqual(['tr-1', 'tr-3']);
    expect(app.browser.errors).toEqual([]);
  });

  it('tells an older tab to reload when a newer tab upgrades the database, without losing data', async () => {
    const [older, newer] = [app.browser.page, await app.browser.context.newPage()];
    await openOverview(older);
    await newer.goto(`${app.server.url}favicon.svg`); // same origin, no app code
    // A newer version of the app opens the database one version up.
    const stores = await newer.evaluate(() => new Promise<string[]>((resolve, reject) => {
      const probe = indexedDB.open('quant-lens');
      probe.onsuccess = () => {
        const version = probe.result.version;
        probe.result.close();
        const open = indexedDB.open('quant-lens', version + 1);
        open.onupgradeneeded = () => open.result.createObjectStore('addedByNewerVersion');
        open.onsuccess = () => {
          const names = [...open.result.objectStoreNames];
          open.result.close();
          resolve(names);
        };
        open.onerror = () => reject(open.error);
        open.onblocked = () => reject(new Error('blocked: the older tab did not close its connection'));
      };
    }));
    expect(stores).toContain('portfolioTrades');
    await older.getByText('Quant Lens was updated in another tab: reload this tab to continue (your data is safe).').waitFor();
    const kept = await journalOf(newer, 'pf-broken');
    expect(kept.map((t) => t.id).sort()).toEqual(['tr-1', 'tr-3']);
    await newer.close();
  });
});

/**
 * Two tabs of one browser on the same data: simultaneous trades never overspend a portfolio, a
 * journal that no longer replays is shown with a repair, and the tabs see each other's changes.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appInBrowser, saveScreenshot } from './support';

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

/** Runs `body` on the app's database, opened without a version (the page's own code is not used). */
function withDb<T>(page: Page, body: string): Promise<T> {
  return page.evaluate(
    (source) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('quant-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const run = new Function('db', `return new Promise((resolve, reject) => { ${source} })`) as (db: IDBDatabase) => Promise<unknown>;
          run(db).then((v) => (db.close(), resolve(v)), (e) => (db.close(), reject(e)));
        };
      }),
    body,
  ) as Promise<T>;
}

const activePortfolioId = (page: Page) =>
  withDb<string>(page, `const r = db.transaction('settings').objectStore('settings').get('paper.activePortfolio'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error);`);

const journalOf = (page: Page, portfolioId: string) =>
  withDb<StoredTrade[]>(page, `const r = db.transaction('portfolioTrades').objectStore('portfolioTrades').index('byPortfolio').getAll(${JSON.stringify(portfolioId)});
    r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error);`);

async function openOverview(page: Page): Promise<void> {
  await page.goto(`${app.server.url}#/overview`);
  await page.getByRole('heading', { name: /Trade journal \(\d+\)/ }).waitFor({ timeout: 60_000 });
}

/** Creates and activates a portfolio through the UI of `page`. */
async function createPortfolio(page: Page, name: string, capital: number): Promise<void> {
  await page.getByRole('button', { name: 'New…' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Starting capital').fill(String(capital));
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByText(`Created "${name}"`).waitFor();
}

async function fillOrder(page: Page, symbol: string, quantity: number): Promise<void> {
  await page.getByLabel('Symbol').selectOption(symbol);
  await page.getByLabel('Side').selectOption('buy');
  await page.getByLabel('Shares').fill(String(quantity));
}

/** Submits the trade form of every page in the same instant (no await between them). */
async function submitTogether(pages: Page[]): Promise<void> {
  await Promise.all(pages.map((p) => p.evaluate(() => (document.querySelector('form:has(button.primary[type=submit])') as HTMLFormElement).requestSubmit())));
}

describe('two tabs', () => {
  it('never both buy what only one can afford (10 trials at the same moment)', async () => {
    const first = app.browser.page;
    const second = await app.browser.context.newPage();
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
      const outcome = (page: Page) =>
        page.getByText(/^(Bought 1 SPX at|Not executed: )/).first().waitFor({ timeout: 20_000 }).then(() => page.getByText(/^(Bought 1 SPX at|Not executed: .*)$/).first().textContent());
      const messages = await Promise.all([outcome(first), outcome(second)]);

      const journal = await journalOf(first, id);
      const spent = journal.reduce((sum, t) => sum + t.quantity * t.price + t.commission, 0);
      expect(spent, `trial ${trial}: spent ${spent} of 5000`).toBeLessThanOrEqual(5000);
      expect(journal, `trial ${trial}`).toHaveLength(1);
      // One tab bought; the other says clearly why it did not.
      expect(messages.filter((m) => m?.startsWith('Bought 1 SPX at'))).toHaveLength(1);
      expect(messages.find((m) => m?.startsWith('Not executed'))).toMatch(/^Not executed: SPX: buying 1 costs 28\d\d\.\d\d but only 21\d\d\.\d\d cash is left$/);
      for (const page of [first, second]) {
        for (const close of await page.getByRole('button', { name: 'Dismiss message' }).all()) await close.click();
      }
    }
    await second.close();
    expect(app.browser.errors).toEqual([]);
  });
});

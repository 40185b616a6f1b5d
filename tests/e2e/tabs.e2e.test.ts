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

/**
 * Reads (or with `put`, writes) records of one store straight through the page's IndexedDB, opened
 * without a version so the app's own code is not involved. `index`/`key` select records by an index.
 */
function rawDb<T>(page: Page, request: { store: string; index?: string; key?: string; get?: string; put?: unknown[] }): Promise<T> {
  return page.evaluate(
    ({ store, index, key, get, put }) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('quant-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(store, put ? 'readwrite' : 'readonly');
          const objects = tx.objectStore(store);
          let result: unknown;
          if (put) for (const record of put) objects.put(record);
          else {
            const r = get !== undefined ? objects.get(get) : index ? objects.index(index).getAll(key) : objects.getAll();
            r.onsuccess = () => (result = r.result);
          }
          tx.oncomplete = () => (db.close(), resolve(result));
          tx.onerror = () => (db.close(), reject(tx.error));
        };
      }),
    request,
  ) as Promise<T>;
}

const activePortfolioId = (page: Page) => rawDb<string>(page, { store: 'settings', get: 'paper.activePortfolio' });
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
      expect(messages.find((m) => m?.startsWith('Not executed'))).toMatch(/^Not executed: SPX: buying 1 costs 28\d\d\.\d\d but only 21\d\d\.\d\d cash is left$/);
      for (const page of [first, second]) {
        const dismiss = page.getByRole('button', { name: 'Dismiss message' });
        while ((await dismiss.count()) > 0) await dismiss.first().click();
      }
    }
    await second.close();
    expect(app.browser.errors).toEqual([]);
  });
});

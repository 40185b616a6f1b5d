import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseImportFile } from '../../src/core/data/parse';
import { appInBrowser, openTab, saveScreenshot } from './support';

const fixture = (name: string) => readFileSync(`tests/fixtures/data/${name}`);

/** Everything stored in IndexedDB, read with the raw API (independent of the app's code). */
async function storedData(page: Page): Promise<{ symbols: string[]; bars: number; json: string }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const request = indexedDB.open('quant-lens');
      request.onsuccess = () => ok(request.result);
      request.onerror = () => fail(request.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((ok, fail) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
      });
    const [symbols, chunks] = await Promise.all([all('symbols'), all('barChunks')]);
    db.close();
    // Bars are stored one record per symbol and year, in columns: back to one object per bar.
    type Chunk = { symbol: string; dates: string[]; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array; adjClose?: Float64Array };
    const bars = (chunks as Chunk[]).flatMap((c) => c.dates.map((date, i) => ({
      symbol: c.symbol, date, open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i],
      ...(c.adjClose && !Number.isNaN(c.adjClose[i]) ? { adjClose: c.adjClose[i] } : {}),
    })));
    return { symbols: (symbols as { symbol: string }[]).map((s) => s.symbol), bars: bars.length, json: JSON.stringify(bars) };
  });
}

const summary = (page: Page) => page.getByTestId('symbol-summary');
const poll = { timeout: 20_000 };

describe('Data tab', () => {
  const app = appInBrowser();

  it('shows the demo data on first load', async () => {
    const { page } = app.browser;
    await openTab(page, app.server.url, 'Data');
    // 5105 S&P 500 days + 4 x 123 + 68 monthly closes.
    await expect.poll(() => summary(page).textContent(), { timeout: 30_000 }).toBe('6 symbols, 5,665 bars');
    const spx = page.locator('tr[data-symbol="SPX"]');
    await expect(spx.textContent()).resolves.toContain('S&P 500 index 2000-2020, demo2000-01-032020-04-175,1052874.56good');
    await expect(page.locator('tr[data-symbol="GOOG"]').textContent()).resolves.toContain('2004-08-312010-03-3168');
    // The demo is old by design: said quietly, not as thousands of trading days behind.
    const demoAge = page.locator('tr[data-symbol="GOOG"]').getByTestId('behind');
    await expect(demoAge.textContent()).resolves.toBe('demo data (ends 2010-03-31)');
    expect(await demoAge.evaluate((td) => td.classList.contains('stale'))).toBe(false);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.locator('tr[data-symbol="SPX"]').getByTestId('behind').textContent()).resolves.toBe('demo data (ends 2020-04-17)');
    await saveScreenshot(page, 'data-phone-demo');
    await page.setViewportSize({ width: 1280, height: 860 });
    await expect(page.getByText('vega-datasets').first().isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'SPX', exact: true }).click();
    await page.getByRole('heading', { name: /Quality of SPX/ }).waitFor();
    await expect(page.getByText('No missing trading days between the first and last bar.').isVisible()).resolves.toBe(true);
    await saveScreenshot(page, 'data-demo');
    expect((await storedData(page)).bars).toBe(5665);
  });

  it('imports a good Yahoo CSV after a preview, and it survives a reload', async () => {
    const { page } = app.browser;
    await page.getByTestId('import-files').setInputFiles({ name: 'AAPL-daily.csv', mimeType: 'text/csv', buffer: fixture('AAPL.csv') });
    const preview = page.getByRole('article', { name: 'Preview of AAPL-daily.csv' });
    await preview.getByRole('status').filter({ hasText: 'ready' }).waitFor();
    await expect(preview.textContent()).resolves.toContain('AAPL-DAILY: 10 bars, 2024-01-02 to 2024-01-16');
    await expect(preview.getByRole('table', { name: 'Parsed rows of AAPL-DAILY' }).locator('tbody tr').first().textContent())
      .resolves.toBe('2024-01-02187.15188.44183.89185.64184.7382488700');
    expect((await storedData(page)).bars).toBe(5665); // nothing written before confirming
    await saveScreenshot(page, 'data-import-preview');
    await page.getByRole('button', { name: 'Import 1 symbol' }).click();
    await expect.poll(() => summary(page).textContent(), poll).toBe('7 symbols, 5,675 bars');
    await page.reload();
    await expect.poll(() => summary(page).textContent(), poll).toBe('7 symbols, 5,675 bars');
    await expect(page.locator('tr[data-symbol="AAPL-DAILY"]').textContent()).resolves.toContain('2024-01-022024-01-1610183.63good');
    await saveScreenshot(page, 'data-imported');
  });

  it('shows every row-level error of a broken file and leaves storage unchanged', async () => {
    const { page } = app.browser;
    const before = await storedData(page);
    await page.getByTestId('import-files').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: fixture('broken.csv') });
    const preview = page.getByRole('article', { name: 'Preview of broken.csv' });
    await preview.getByRole('status').filter({ hasText: '7 errors: not importable' }).waitFor();
    const rows = await preview.getByRole('table', { name: 'Problems found' }).locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      'error3Dateunparseable date "2024-13-01" (expected YYYY-MM-DD)',
      'error4Closenot a number: "abc"',
      'error5Highhigh 180.17 is below low 182.76',
      'error6Closeclose 186.56 is above high 185.6',
      'error7Volumenegative volume -42841800',
      'error8Openmissing value',
      'error9duplicate date 2024-01-02 (also row 2); confirm "keep last" to import the later row',
    ]);
    await expect(page.getByRole('button', { name: 'Import 1 symbol' }).isDisabled()).resolves.toBe(true);
    await saveScreenshot(page, 'data-import-errors');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await storedData(page)).toEqual(before);
  });

  it('imports dropped files, exports everything and re-imports the export exactly', async () => {
    const { page } = app.browser;
    // Drag and drop of a Stooq file.
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'msft.us.txt', { type: 'text/plain' }));
      document.querySelector('[aria-label="Drop CSV or JSON files here"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, fixture('msft.us.txt').toString('utf8'));
    await page.getByRole('article', { name: 'Preview of msft.us.txt' }).getByRole('status').filter({ hasText: 'ready' }).waitFor();
    await page.getByRole('button', { name: 'Import 1 symbol' }).click();
    await expect.poll(() => summary(page).textContent(), poll).toBe('8 symbols, 5,677 bars');
    const before = await storedData(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all as JSON' }).click()]);
    const exported = readFileSync(await download.path());
    expect(JSON.parse(exported.toString('utf8')).series.map((s: { symbol: string }) => s.symbol)).toEqual(before.symbols);

    // Delete two symbols (with confirmation), then re-import the export.
    for (const symbol of ['MSFT', 'SPX']) {
      await page.getByRole('button', { name: `Delete ${symbol}`, exact: true }).click();
      await page.locator(`tr[data-symbol="${symbol}"]`).getByRole('button', { name: 'Delete', exact: true }).click();
    }
    await expect.poll(() => summary(page).textContent(), poll).toBe('6 symbols, 449 bars');
    await page.getByTestId('import-files').setInputFiles({ name: 'quant-lens-symbols.json', mimeType: 'application/json', buffer: exported });
    await page.getByRole('article', { name: 'Preview of quant-lens-symbols.json' }).getByRole('status').filter({ hasText: 'ready' }).waitFor();
    const importButton = page.getByRole('button', { name: 'Import 8 symbols' });
    await expect(importButton.isDisabled()).resolves.toBe(true); // the merge choice comes first
    await page.getByLabel('Add new dates; for dates in both, keep the stored bars').check();
    await saveScreenshot(page, 'data-reimport-merge');
    await importButton.click();
    await expect.poll(() => summary(page).textContent(), poll).toBe('8 symbols, 5,677 bars');
    expect(await storedData(page)).toEqual(before);
    await expect(page.getByTestId('storage-used').textContent()).resolves.toMatch(/\d/);
    await saveScreenshot(page, 'data-roundtrip');
  });

  it('asks which column is which for a file without header, and exports CSV that reads back', async () => {
    const { page } = app.browser;
    await page.getByTestId('import-files').setInputFiles({ name: 'nohead.csv', mimeType: 'text/csv', buffer: Buffer.from('01/02/2024,10,12,9,11,500\n01/03/2024,11,13,10,12,600\n') });
    const preview = page.getByRole('article', { name: 'Preview of nohead.csv' });
    await preview.getByText('the first row is data, not column names').waitFor();
    for (const [field, column] of [['Date', 'Column 1'], ['Open', 'Column 2'], ['High', 'Column 3'], ['Low', 'Column 4'], ['Close', 'Column 5'], ['Volume', 'Column 6']]) {
      await preview.getByLabel(`Column for ${field}`).selectOption({ label: column });
    }
    await preview.getByLabel('First row holds column names').uncheck();
    await saveScreenshot(page, 'data-column-mapping');
    await preview.getByRole('button', { name: 'Use these columns' }).click();
    await preview.getByRole('status').filter({ hasText: 'ready' }).waitFor();
    await expect(preview.getByRole('table', { name: 'Parsed rows of NOHEAD' }).locator('tbody tr').allTextContents())
      .resolves.toEqual(['2024-01-021012911500', '2024-01-0311131012600']);
    await page.getByRole('button', { name: 'Import 1 symbol' }).click();
    await expect.poll(() => summary(page).textContent(), poll).toBe('9 symbols, 5,679 bars');

    const stored = await storedData(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('quant-lens-symbols.csv');
    const reread = await parseImportFile({ name: 'all.csv', bytes: readFileSync(await download.path()) });
    expect(reread.ok).toBe(true);
    expect(reread.symbols.map((s) => s.symbol).sort()).toEqual(stored.symbols);
    expect(reread.symbols.reduce((n, s) => n + s.bars.length, 0)).toBe(stored.bars);
    const spx = reread.symbols.find((s) => s.symbol === 'SPX')!;
    expect(spx.bars.at(-1)).toEqual({ date: '2020-04-17', open: 2842.429932, high: 2879.219971, low: 2830.879883, close: 2874.560059, adjClose: 2874.560059, volume: 5792140000 });
    expect(app.browser.errors).toEqual([]);
  });

  it('on a phone (390 px) every symbol\'s actions are on screen without sideways scrolling', async () => {
    const { page } = app.browser;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await openTab(page, app.server.url, 'Data');
      await page.locator('tr[data-symbol="SPX"]').waitFor();
      const scroll = page.locator('.table-scroll').filter({ has: page.getByRole('table', { name: 'Stored symbols' }) });
      const [scrollWidth, clientWidth] = await scroll.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      for (const symbol of ['AAPL', 'SPX']) {
        const box = await page.getByRole('button', { name: `Delete ${symbol}`, exact: true }).boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      }
      await saveScreenshot(page, 'data-phone');
      // Get prices is on the first screen, above the symbol list, not below all of it: it leads to the form.
      await page.evaluate(() => window.scrollTo(0, 0));
      const getPrices = page.getByRole('button', { name: 'Get prices', exact: true });
      const top = (await getPrices.boundingBox())!;
      expect(top.y + top.height).toBeLessThanOrEqual(844);
      expect(top.y).toBeLessThan((await page.getByRole('table', { name: 'Stored symbols' }).boundingBox())!.y);
      await getPrices.click();
      const tickers = page.getByTestId('tickers');
      await expect.poll(() => tickers.evaluate((el) => el === document.activeElement)).toBe(true);
      const field = (await tickers.boundingBox())!;
      expect(field.y).toBeGreaterThanOrEqual(0);
      expect(field.y + field.height).toBeLessThanOrEqual(844);
      await saveScreenshot(page, 'data-phone-get-prices');
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });

  it('refuses daily bars into the monthly demo AAPL with an explanation, then replaces the whole symbol', async () => {
    const { page } = app.browser;
    const aaplBars = async () => JSON.parse((await storedData(page)).json).filter((b: { symbol: string }) => b.symbol === 'AAPL') as { date: string }[];
    const before = await storedData(page);
    expect((await aaplBars()).length).toBe(123);
    await page.getByTestId('import-files').setInputFiles({ name: 'AAPL.csv', mimeType: 'text/csv', buffer: fixture('AAPL.csv') });
    await page.getByRole('article', { name: 'Preview of AAPL.csv' }).getByRole('status').filter({ hasText: 'ready' }).waitFor();
    // Said before importing ...
    await expect(page.getByTestId('frequency-clash').textContent()).resolves.toBe('AAPL: stored monthly, imported daily: bars of another frequency can only replace the whole symbol.');
    // ... and enforced when importing anyway.
    await page.getByLabel('Add new dates; for dates in both, use the imported bars').check();
    await page.getByRole('button', { name: 'Import 1 symbol' }).click();
    const refusal = page.locator('.failure[role="alert"]');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('AAPL: the stored bars are monthly (123 bars, 2000-01-31 to 2010-03-31) and the imported ones are daily; ' +
      'merging them would mix two frequencies in one series. Choose "Replace the whole symbol" to keep only the imported bars');
    expect(await storedData(page)).toEqual(before);
    await saveScreenshot(page, 'data-merge-refused');

    await page.getByLabel('Replace the whole symbol: delete its stored bars, keep only the imported ones').check();
    await page.getByRole('button', { name: 'Import 1 symbol' }).click();
    const toastText = page.getByText(/^Imported AAPL \(/);
    await toastText.waitFor(poll);
    const stored = await aaplBars();
    // The toast counts what storage holds: 10 daily bars written, the 123 monthly ones removed.
    await expect(toastText.textContent()).resolves.toBe(`Imported AAPL (${stored.length} bars written, 123 bars of the old series removed)`);
    expect(stored.map((b) => b.date)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12', '2024-01-16']);
    expect((await storedData(page)).bars).toBe(before.bars - 123 + 10);
    // The row describes what is stored: no "(monthly)" name, daily dates, a daily quality badge.
    const row = page.locator('tr[data-symbol="AAPL"]');
    await expect.poll(() => row.textContent(), poll).toContain('2024-01-022024-01-1610183.63');
    expect(await row.locator('td.name').textContent()).toBe('');
    expect(await row.locator('.badge').getAttribute('title')).toMatch(/^daily data: 0 missing periods/);
    await saveScreenshot(page, 'data-merge-replaced');
    expect(app.browser.errors).toEqual([]);
  });

  it('says when dates also fit DD/MM and re-reads the file with the chosen date format', async () => {
    const { page } = app.browser;
    await page.getByTestId('import-files').setInputFiles({ name: 'EU.csv', mimeType: 'text/csv', buffer: Buffer.from('Date,Close\n02/01/2024,10\n03/01/2024,11\n') });
    const preview = page.getByRole('article', { name: 'Preview of EU.csv' });
    await preview.getByText('dates read as MM/DD/YYYY; every one also fits DD/MM/YYYY').waitFor();
    const rows = () => preview.getByRole('table', { name: 'Parsed rows of EU' }).locator('tbody tr td:first-child').allTextContents();
    expect(await rows()).toEqual(['2024-02-01', '2024-03-01']);
    await preview.getByLabel('Date format of EU.csv').selectOption({ label: 'DD/MM/YYYY' });
    await expect.poll(rows, poll).toEqual(['2024-01-02', '2024-01-03']);
    await saveScreenshot(page, 'data-date-format');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(app.browser.errors).toEqual([]);
  });
});

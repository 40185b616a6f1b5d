/**
 * The upgrade of a version-4 database (one IndexedDB record per bar) to year chunks, in the real Chromium:
 * a database written with the raw API as those releases did, then the app opened on it.
 */
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../src/core/data/types';
import { appInBrowser, openTab } from './support';

/** Business days from 2019-01-01, closes on a slow wave; an adjusted close on every third bar only. */
function history(count: number, seed: number): Bar[] {
  const bars: Bar[] = [];
  for (let day = Date.UTC(2019, 0, 1); bars.length < count; day += 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const i = bars.length;
    const close = Math.round((50 + seed + 10 * Math.sin(i / 20)) * 100) / 100;
    bars.push({ date: new Date(day).toISOString().slice(0, 10), open: close - 0.25, high: close + 1, low: close - 1, close, volume: 1000 + i, ...(i % 3 === 0 ? { adjClose: close * 0.98 } : {}) });
  }
  return bars;
}

describe('upgrade to year chunks', () => {
  const app = appInBrowser();

  it('moves every bar of a version-4 database into chunks and the app shows the same history', async () => {
    const { page } = app.browser;
    const symbols = { AAA: history(1300, 0), BBB: history(700, 5) };
    // A page of the app's origin where the app does not run.
    await page.goto(`${app.server.url}404-blank`);
    await page.evaluate(async (data) => {
      await new Promise<void>((ok, fail) => {
        const open = indexedDB.open('quant-lens', 4);
        open.onupgradeneeded = () => {
          const db = open.result;
          db.createObjectStore('symbols', { keyPath: 'symbol' });
          db.createObjectStore('bars', { keyPath: ['symbol', 'date'] }).createIndex('bySymbol', 'symbol');
          db.createObjectStore('settings');
          for (const store of ['mlModels', 'experiments', 'backtestRuns', 'portfolios']) db.createObjectStore(store, { keyPath: 'id' });
          db.createObjectStore('forecasts', { keyPath: 'id' }).createIndex('bySymbol', 'symbol');
          db.createObjectStore('portfolioTrades', { keyPath: 'id' }).createIndex('byPortfolio', 'portfolioId');
          db.createObjectStore('modelFiles', { keyPath: ['modelId', 'file'] }).createIndex('byModel', 'modelId');
          db.createObjectStore('forecastStore', { keyPath: 'id' }).createIndex('byUsedAt', 'usedAt');
          db.createObjectStore('strategyFiles', { keyPath: 'name' });
        };
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['symbols', 'bars', 'settings'], 'readwrite');
          for (const [symbol, bars] of Object.entries(data)) {
            const last = bars[bars.length - 1];
            tx.objectStore('symbols').put({ symbol, source: `${symbol}.csv`, firstDate: bars[0].date, lastDate: last.date, barCount: bars.length, lastClose: last.close, importedAt: '2024-01-01T00:00:00.000Z' });
            for (const bar of bars) tx.objectStore('bars').put({ ...bar, symbol });
          }
          // No demo: only what this test stored.
          tx.objectStore('settings').put('2024-01-01T00:00:00.000Z', 'data.demoSeededAt');
          tx.oncomplete = () => (db.close(), ok());
          tx.onerror = () => fail(tx.error);
        };
      });
    }, symbols);

    await openTab(page, app.server.url, 'Data');
    await expect.poll(() => page.locator('tr[data-symbol="AAA"]').textContent(), { timeout: 30_000 }).toContain('2019-01-012023-12-251,300');
    await expect(page.locator('tr[data-symbol="BBB"]').textContent()).resolves.toContain('700');

    const stored = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open('quant-lens');
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      const chunks = await new Promise<{ symbol: string; year: string; dates: string[]; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array; adjClose?: Float64Array }[]>((ok, fail) => {
        const request = db.transaction('barChunks').objectStore('barChunks').getAll();
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
      });
      const result = { version: db.version, stores: [...db.objectStoreNames], keys: chunks.map((c) => `${c.symbol}/${c.year}`),
        bars: chunks.map((c) => ({ symbol: c.symbol, bars: c.dates.map((date, i) => ({ date, open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i],
          ...(c.adjClose && !Number.isNaN(c.adjClose[i]) ? { adjClose: c.adjClose[i] } : {}) })) })) };
      db.close();
      return result;
    });
    expect(stored.version).toBe(5);
    expect(stored.stores).not.toContain('bars');
    expect(stored.keys).toEqual(['AAA/2019', 'AAA/2020', 'AAA/2021', 'AAA/2022', 'AAA/2023', 'BBB/2019', 'BBB/2020', 'BBB/2021']);
    for (const [symbol, bars] of Object.entries(symbols)) {
      expect(stored.bars.filter((c) => c.symbol === symbol).flatMap((c) => c.bars)).toStrictEqual(bars);
    }
  });
});

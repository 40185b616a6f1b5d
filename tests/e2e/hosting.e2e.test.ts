/**
 * Static hosting: one production build (relative base) served from a project sub-path with no special
 * headers, as GitHub Pages does. The service worker must make it cross-origin isolated (threads), a server
 * that sends COOP/COEP makes it isolated from the first load, and where isolation is impossible the app
 * says "Single-threaded WASM".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Worker } from 'playwright-core';
import { distDir, launchBrowser, saveScreenshot, startServer, type RunningServer } from './support';
import { builtFiles, isolationState, pollPage, waitForServiceWorker } from './pwa-support';

describe('static hosting from a sub-path', () => {
  let pages: RunningServer;
  beforeAll(async () => {
    pages = await startServer({ base: '/quant-lens/', isolation: false });
  });
  afterAll(async () => pages?.stop());

  it('loads app, service worker, workers and WASM from /quant-lens/ and becomes isolated with threads', async () => {
    const browser = await launchBrowser();
    try {
      const { page, context, errors } = browser;
      const requested: string[] = [];
      context.on('request', (r) => requested.push(r.url()));
      await page.goto(pages.url);
      const first = await isolationState(page);
      expect(first.crossOriginIsolated).toBe(false); // GitHub Pages sends no COOP/COEP

      await waitForServiceWorker(page);
      await pollPage(page, () => document.documentElement.dataset.isolation === 'isolated', 'isolation after the automatic reload');
      const state = await isolationState(page);
      expect(state).toMatchObject({ crossOriginIsolated: true, sharedArrayBuffer: true, mode: 'isolated' });
      expect(state.wasmThreads).toBe(Math.min(state.hardwareConcurrency, 4));
      expect(await page.$('[data-testid="single-thread-note"]')).toBeNull();
      const registration = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL);
      expect(registration).toBe(`${pages.url}sw.js`);
      // The forecast worker configures onnxruntime-web with that many threads and says so.
      await page.click('nav a[href="#/forecasts"]');
      const backend = await page.waitForSelector('[data-testid="backend-status"]');
      expect(await backend.textContent()).toContain(`WASM with SIMD, ${state.wasmThreads} thread`);

      // The app's own workers start from the sub-path and are isolated too (SharedArrayBuffer for ORT threads).
      const workerFiles = builtFiles(distDir, 'assets', /\.worker-[\w-]+\.js$/);
      expect(workerFiles.length, 'worker bundles in the build').toBeGreaterThan(0);
      for (const file of workerFiles) {
        const started = page.waitForEvent('worker', { predicate: (w: Worker) => w.url().endsWith(file) });
        await page.evaluate((url) => void new Worker(url, { type: 'module' }), file);
        const worker = await started;
        expect(await worker.evaluate(() => [self.crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([true, 'function']);
        expect(worker.url()).toBe(pages.url + file);
      }
      // WASM binaries from the sub-path compile under the page's CSP.
      const wasmFiles = builtFiles(distDir, 'assets', /\.wasm$/);
      expect(wasmFiles.length, 'onnxruntime-web WASM in the build').toBeGreaterThan(0);
      for (const file of wasmFiles) {
        const ok = await page.evaluate(async (url) => WebAssembly.validate(await (await fetch(url)).arrayBuffer()), file);
        expect(ok, file).toBe(true);
      }

      const origin = new URL(pages.url).origin;
      const outside = requested.filter((u) => u.startsWith(origin) && !u.startsWith(pages.url));
      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
      await saveScreenshot(page, 'hosting-subpath-isolated');
    } finally {
      await browser.close();
    }
  });

  it('does not reload under a user who is already working: offers "Reload to enable threads" instead', async () => {
    const browser = await launchBrowser();
    try {
      const { page, errors } = browser;
      await page.goto(pages.url, { waitUntil: 'commit' });
      // Interact as soon as the app is up, long before the worker has precached ~30 MB and taken control.
      await pollPage(page, () => document.documentElement.dataset.isolation, 'app start', 10_000);
      await page.keyboard.press('Shift');
      const note = page.getByTestId('single-thread-note');
      expect(await note.textContent()).toContain('Single-threaded WASM');
      await page.getByRole('button', { name: 'Reload to enable threads' }).waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => [navigator.serviceWorker.controller !== null, crossOriginIsolated])).toEqual([true, false]);
      await page.getByRole('button', { name: 'Reload to enable threads' }).click();
      await pollPage(page, () => document.documentElement.dataset.isolation === 'isolated', 'isolation after the user reloads');
      expect(await page.$('[data-testid="single-thread-note"]')).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('is isolated from the very first load when the server sends COOP/COEP', async () => {
    const withHeaders = await startServer({ base: '/', isolation: true });
    const browser = await launchBrowser();
    try {
      await browser.page.goto(withHeaders.url);
      await pollPage(browser.page, () => document.documentElement.dataset.isolation, 'isolation state');
      const state = await isolationState(browser.page);
      const controlled = await browser.page.evaluate(() => navigator.serviceWorker.controller !== null);
      expect(controlled).toBe(false); // first visit: isolation came from the headers, not the worker
      expect(state).toMatchObject({ crossOriginIsolated: true, mode: 'isolated' });
      expect(state.wasmThreads).toBe(Math.min(state.hardwareConcurrency, 4));
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
      await withHeaders.stop();
    }
  });

  it('degrades to single-threaded WASM with a visible note when isolation is switched off (?coi=0)', async () => {
    const browser = await launchBrowser();
    try {
      const { page, errors } = browser;
      await page.goto(`${pages.url}?coi=0`);
      await waitForServiceWorker(page);
      await page.reload();
      await pollPage(page, () => navigator.serviceWorker.controller !== null && document.documentElement.dataset.isolation, 'state');
      const state = await isolationState(page);
      expect(state).toMatchObject({ crossOriginIsolated: false, sharedArrayBuffer: false, mode: 'single-threaded', wasmThreads: 1 });
      const note = await page.waitForSelector('[data-testid="single-thread-note"]');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toContain('Single-threaded WASM');
      await page.click('nav a[href="#/forecasts"]');
      const backend = await page.waitForSelector('[data-testid="backend-status"]');
      expect(await backend.textContent()).toContain('WASM with SIMD, 1 thread (the page is not cross-origin isolated');
      expect(errors).toEqual([]);
      await saveScreenshot(page, 'hosting-single-threaded');
    } finally {
      await browser.close();
    }
  });

  it('degrades the same way when the browser blocks service workers', async () => {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(pages.url);
      const note = await page.waitForSelector('[data-testid="single-thread-note"]');
      expect(await note.textContent()).toContain('Single-threaded WASM');
      expect(await isolationState(page)).toMatchObject({ crossOriginIsolated: false, mode: 'single-threaded', wasmThreads: 1 });
      expect(await page.textContent('h1')).toBe('Quant Lens');
    } finally {
      await browser.close();
    }
  });
});

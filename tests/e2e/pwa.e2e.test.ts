/**
 * The production build as an installed, offline-capable app: manifest + service worker pass Chromium's
 * install criteria, everything precached is served with the network gone (and with the server stopped),
 * and a new version is offered through the update prompt without touching IndexedDB.
 */
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, distDir, downloadFromUrlPrefix, launchBrowser, modelFixtureSite, repoRoot, saveScreenshot, startServer, type RunningServer } from './support';
import { gotoIsolated, isolationState, pollPage } from './pwa-support';

/** Files of a build, relative to its root (forward slashes). */
function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(root, path) : [relative(root, path).split('\\').join('/')];
  });
}

/** URLs (relative to the app) currently held in Workbox's precache. */
async function precachedPaths(page: import('playwright-core').Page): Promise<string[]> {
  return page.evaluate(async () => {
    const base = new URL('./', location.href).href;
    const names = (await caches.keys()).filter((n) => n.includes('precache'));
    const urls: string[] = [];
    for (const name of names) for (const req of await (await caches.open(name)).keys()) urls.push(req.url.replace(base, '').replace(/\?.*$/, ''));
    return urls.sort();
  });
}

/** What the Data tab shows after the demo data is seeded on the first visit (5105 S&P 500 days + 560 monthly closes). */
const DEMO_SUMMARY = '6 symbols, 5,665 bars';
/** ... after importing tests/fixtures/data/AAPL.csv as AAPL-daily.csv (10 daily bars, symbol AAPL-DAILY). */
const WITH_AAPL = '7 symbols, 5,675 bars';

describe('installable offline PWA', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // Like GitHub Pages: a project sub-path and no special headers.
    server = await startServer({ base: '/quant-lens/', isolation: false });
  });
  afterAll(async () => server?.stop());

  it('passes Chromium install criteria with a valid manifest, icons and screenshots of the declared sizes', async () => {
    const browser = await launchBrowser();
    try {
      const { page, context } = browser;
      await gotoIsolated(page, server.url);
      const registration = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return { scope: reg?.scope, script: reg?.active?.scriptURL };
      });
      expect(registration).toEqual({ scope: server.url, script: `${server.url}sw.js` });

      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      const manifestInfo = await cdp.send('Page.getAppManifest', {});
      expect(manifestInfo.errors).toEqual([]);
      expect(manifestInfo.url).toBe(`${server.url}manifest.webmanifest`);
      const manifest = JSON.parse(manifestInfo.data!);
      expect(manifest).toMatchObject({ name: 'Quant Lens', short_name: 'Quant Lens', start_url: './', scope: './', display: 'standalone' });
      expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

      // Every PNG icon decodes at exactly its declared size; 192, 512 and a maskable 512 exist.
      const icons: { src: string; sizes: string; type: string; purpose: string }[] = manifest.icons;
      expect(icons.filter((i) => i.type === 'image/png').map((i) => `${i.sizes}:${i.purpose}`).sort()).toEqual(['192x192:any', '512x512:any', '512x512:maskable']);
      expect(icons.some((i) => i.type === 'image/svg+xml')).toBe(true);
      // Screenshots (real app captures) for the richer install dialog: one wide, one narrow.
      const screenshots: { src: string; sizes: string; form_factor: string }[] = manifest.screenshots ?? [];
      expect(screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
      for (const image of [...icons.filter((i) => i.type === 'image/png'), ...screenshots]) {
        const size = await page.evaluate(async (src) => {
          const bitmap = await createImageBitmap(await (await fetch(src)).blob());
          return `${bitmap.width}x${bitmap.height}`;
        }, image.src);
        expect(size, image.src).toBe(image.sizes);
      }
    } finally {
      await browser.close();
    }
  });

  it('precaches the shell, WASM and demo data; offline (and with the server gone) the stored data and a cached tiny model work', async () => {
    const browser = await launchBrowser();
    const appServer = await startServer({ base: '/offline/', isolation: false });
    const modelServer = await startServer({ dir: modelFixtureSite(['chronos2']) });
    const running = new Set([appServer, modelServer]);
    const stop = async (server: RunningServer) => {
      if (running.delete(server)) await server.stop();
    };
    try {
      const { page, context } = browser;
      await gotoIsolated(page, `${appServer.url}#/data`);
      await expect.poll(() => page.getByTestId('symbol-summary').textContent(), { timeout: 60_000 }).toBe(DEMO_SUMMARY);

      // The precache holds exactly the build's shell files: html/js/css/wasm/svg/png/csv, no model files.
      const expected = listFiles(distDir)
        .filter((f) => /\.(html|js|mjs|css|wasm|svg|png|csv)$/.test(f) && !/^(models|screenshots)\//.test(f) && f !== 'sw.js')
        .concat('manifest.webmanifest')
        .sort();
      const precached = await precachedPaths(page);
      expect(precached).toEqual(expected);
      const wasm = precached.filter((f) => f.endsWith('.wasm'));
      expect(wasm.length, 'onnxruntime-web WASM in the precache').toBeGreaterThan(0);
      expect(precached.filter((f) => f.startsWith('demo/') && f.endsWith('.csv')).length, 'demo CSVs in the precache').toBeGreaterThan(0);

      // A tiny Chronos-2 checkpoint, downloaded once into the model cache (not the precache).
      const prefix = `${modelServer.url}chronos2/`;
      await page.goto(`${appServer.url}#/forecasts`);
      await downloadFromUrlPrefix(page, prefix);
      expect(await precachedPaths(page)).toEqual(precached);

      // Network off and the model host gone: reload, the stored data and the cached model still work.
      await stop(modelServer);
      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Forecasts' }).waitFor();
      expect(await isolationState(page)).toMatchObject({ crossOriginIsolated: true, mode: 'isolated' });
      await page.getByTestId('forecaster').selectOption(`url:${prefix}`);
      await page.locator('[data-testid=symbol] option[value=SPX]').waitFor({ state: 'attached' });
      await page.getByTestId('symbol').selectOption('SPX');
      await page.getByRole('button', { name: 'Forecast', exact: true }).click();
      await page.locator('.forecast-result figcaption', { hasText: 'SPX: 20-day forecast' }).waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('expected-return').textContent()).toMatch(/^[+-]\d+\.\d\d%$/);
      expect(await page.getByTestId('backend-status').textContent()).toContain(`WASM with SIMD, ${(await isolationState(page)).wasmThreads} thread`);
      await saveScreenshot(page, 'pwa-offline-forecast');

      await page.click('nav a[href="#/data"]');
      await expect.poll(() => page.getByTestId('symbol-summary').textContent()).toBe(DEMO_SUMMARY);
      const tabs = await page.evaluate(() => [...document.querySelectorAll('nav a[href^="#/"]')].map((a) => a.getAttribute('href')!));
      expect(tabs.length).toBeGreaterThanOrEqual(7);
      for (const hash of tabs) {
        await page.click(`nav a[href="${hash}"]`);
        await page.waitForSelector('main h2', { timeout: 10_000 });
      }
      // Every precached file is served offline, the WASM intact; anything else really needs the network.
      const served = await page.evaluate(async (paths) => {
        const statuses: Record<string, number> = {};
        for (const p of paths) statuses[p] = (await fetch(p)).status;
        return statuses;
      }, precached);
      expect(Object.values(served).every((s) => s === 200), JSON.stringify(served)).toBe(true);
      for (const path of wasm) {
        const wasmOk = await page.evaluate(async (p) => WebAssembly.validate(await (await fetch(p)).arrayBuffer()), path);
        expect(wasmOk, path).toBe(true);
      }
      const missing = await page.evaluate(() => fetch('./models/not-precached.bin').then((r) => r.status, () => 'network error'));
      expect(missing).toBe('network error');
      // Another address inside the app's scope still opens the app offline.
      await page.goto(`${appServer.url}index.html?from=bookmark`);
      await expect(pollPage(page, () => document.querySelector('h1')?.textContent, 'app heading at another address')).resolves.toBe('Quant Lens');
      await context.setOffline(false);

      // App server stopped, browser restarted with the same profile: the app starts, isolated, with its data.
      await browser.close({ keepProfile: true });
      await stop(appServer);
      const again = await launchBrowser({ userDataDir: browser.userDataDir });
      try {
        await again.page.goto(`${appServer.url}#/data`);
        await expect.poll(() => again.page.getByTestId('symbol-summary').textContent(), { timeout: 60_000 }).toBe(DEMO_SUMMARY);
        expect(await isolationState(again.page)).toMatchObject({ crossOriginIsolated: true, mode: 'isolated' });
        expect(again.errors).toEqual([]);
      } finally {
        await again.close();
      }
    } finally {
      await browser.close().catch(() => undefined);
      for (const server of running) await server.stop();
      rmSync(browser.userDataDir, { recursive: true, force: true });
    }
  });

  it('offers a new version through the update prompt and keeps IndexedDB data', async () => {
    const distA = buildApp('dist-e2e-update-a', 'e2e-A');
    const distB = buildApp('dist-e2e-update-b', 'e2e-B');
    // The server serves a symlink; switching it is a deployment of the new version at the same URL.
    const root = mkdtempSync(join(tmpdir(), 'ql-update-'));
    const live = join(root, 'live');
    symlinkSync(distA, live);
    const updateServer = await startServer({ dir: live, base: '/app/', isolation: false });
    const browser = await launchBrowser();
    try {
      const { page } = browser;
      await gotoIsolated(page, updateServer.url);
      expect((await isolationState(page)).version).toBe('e2e-A');
      const before = await page.evaluate(() => document.querySelector('script[type=module]')?.getAttribute('src'));

      // User data written by version A: the demo data plus an imported symbol.
      await page.goto(`${updateServer.url}#/data`);
      await expect.poll(() => page.getByTestId('symbol-summary').textContent(), { timeout: 60_000 }).toBe(DEMO_SUMMARY);
      const csv = readFileSync(join(repoRoot, 'tests/fixtures/data/AAPL.csv'));
      await page.getByTestId('import-files').setInputFiles({ name: 'AAPL-daily.csv', mimeType: 'text/csv', buffer: csv });
      await page.getByRole('button', { name: 'Import 1 symbol' }).click();
      await expect.poll(() => page.getByTestId('symbol-summary').textContent()).toBe(WITH_AAPL);
      const storedBefore = await page.locator('tr[data-symbol="AAPL-DAILY"]').first().textContent();
      // A model file in the model cache (the forecast code's own Cache Storage cache, never precached).
      const modelCacheEntry = 'https://example.invalid/model.safetensors';
      await page.evaluate(async (url) => (await caches.open('quant-lens-models')).put(url, new Response('weights')), modelCacheEntry);

      const next = join(root, 'next');
      symlinkSync(distB, next);
      renameSync(next, live); // atomic switch to version B
      await page.reload();
      await page.waitForSelector('[data-testid="update-prompt"]', { timeout: 30_000 });
      // Still running A until the user accepts.
      expect((await isolationState(page)).version).toBe('e2e-A');
      expect(await page.textContent('[data-testid="update-prompt"]')).toContain('New version available');
      await saveScreenshot(page, 'pwa-update-prompt');
      await page.click('[data-testid="update-prompt"] button');
      await pollPage(page, () => document.documentElement.dataset.appVersion === 'e2e-B', 'version B after reload');

      const after = await page.evaluate(() => document.querySelector('script[type=module]')?.getAttribute('src'));
      expect(after).not.toBe(before);
      expect(await page.$('[data-testid="update-prompt"]')).toBeNull();
      await page.click('nav a[href="#/data"]');
      await expect.poll(() => page.getByTestId('symbol-summary').textContent(), { timeout: 60_000 }).toBe(WITH_AAPL);
      expect(await page.locator('tr[data-symbol="AAPL-DAILY"]').first().textContent()).toBe(storedBefore);
      const modelFile = await page.evaluate(async (url) => (await (await caches.open('quant-lens-models')).match(url))?.text(), modelCacheEntry);
      expect(modelFile).toBe('weights');
      // Old precache entries were replaced: version B's bundle is cached, version A's is gone.
      const precachedNow = await precachedPaths(page);
      expect(precachedNow).toContain(after!.replace(/^\.\//, ''));
      expect(precachedNow).not.toContain(before!.replace(/^\.\//, ''));
      expect((await isolationState(page)).crossOriginIsolated).toBe(true);
    } finally {
      await browser.close();
      await updateServer.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

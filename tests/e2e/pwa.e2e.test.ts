/**
 * The production build as an installed, offline-capable app: manifest + service worker pass Chromium's
 * install criteria, everything precached is served with the network gone (and with the server stopped),
 * and a new version is offered through the update prompt without touching IndexedDB.
 */
import { readdirSync, renameSync, rmSync, statSync, symlinkSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distDir, launchBrowser, startServer, saveScreenshot, type RunningServer } from './support';
import { buildApp, isolationState, pollPage, waitForServiceWorker } from './pwa-support';

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

describe('installable offline PWA', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // Like GitHub Pages: a project sub-path and no special headers.
    server = await startServer({ base: '/quant-lens/', isolation: false });
  });
  afterAll(async () => server?.stop());

  it('passes Chromium install criteria with a valid manifest and icons of the declared sizes', async () => {
    const browser = await launchBrowser();
    try {
      const { page, context } = browser;
      await page.goto(server.url);
      await waitForServiceWorker(page);
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
      for (const icon of icons.filter((i) => i.type === 'image/png')) {
        const size = await page.evaluate(async (src) => {
          const bitmap = await createImageBitmap(await (await fetch(src)).blob());
          return `${bitmap.width}x${bitmap.height}`;
        }, icon.src);
        expect(size, icon.src).toBe(icon.sizes);
      }
    } finally {
      await browser.close();
    }
  });

  it('precaches the shell, WASM and demo data and runs offline, even with the server gone', async () => {
    const browser = await launchBrowser();
    const offlineServer = await startServer({ base: '/offline/', isolation: false });
    let serverRunning = true;
    try {
      const { page, context } = browser;
      await page.goto(offlineServer.url);
      await waitForServiceWorker(page);
      await pollPage(page, () => document.documentElement.dataset.isolation === 'isolated', 'isolation after the automatic reload');

      // The precache holds exactly the build's shell files: html/js/css/wasm/svg/png/csv, no model files.
      const expected = listFiles(distDir)
        .filter((f) => /\.(html|js|mjs|css|wasm|svg|png|csv)$/.test(f) && !/^(models|screenshots)\//.test(f) && f !== 'sw.js')
        .concat('manifest.webmanifest')
        .sort();
      const precached = await precachedPaths(page);
      expect(precached).toEqual(expected);
      const wasm = precached.filter((f) => f.endsWith('.wasm'));

      // Network off: reload, every tab renders from the precache, and every precached file is served.
      await context.setOffline(true);
      await page.reload();
      await expect(pollPage(page, () => document.querySelector('h1')?.textContent, 'app heading offline')).resolves.toBe('Quant Lens');
      const tabs = await page.evaluate(() => [...document.querySelectorAll('nav a[href^="#/"]')].map((a) => a.getAttribute('href')!));
      expect(tabs.length).toBeGreaterThanOrEqual(7);
      for (const hash of tabs) {
        await page.evaluate((h) => (location.hash = h), hash);
        await page.waitForSelector('main h2', { timeout: 10_000 });
      }
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
      // Anything not precached really needs the network (no silent fallbacks).
      const missing = await page.evaluate(() => fetch('./models/not-precached.bin').then((r) => r.status, () => 'network error'));
      expect(missing).toBe('network error');
      // Another address inside the app's scope still opens the app offline.
      await page.goto(`${offlineServer.url}index.html?from=bookmark`);
      await expect(pollPage(page, () => document.querySelector('h1')?.textContent, 'app heading at another address')).resolves.toBe('Quant Lens');
      await saveScreenshot(page, 'pwa-offline');
      await context.setOffline(false);

      // Server stopped, browser restarted with the same profile: the app still starts, isolated.
      await browser.close({ keepProfile: true });
      await offlineServer.stop();
      serverRunning = false;
      const again = await launchBrowser({ userDataDir: browser.userDataDir });
      try {
        await again.page.goto(offlineServer.url);
        await pollPage(again.page, () => document.querySelector('h1')?.textContent === 'Quant Lens', 'app heading with server down');
        const state = await isolationState(again.page);
        expect(state).toMatchObject({ crossOriginIsolated: true, mode: 'isolated' });
      } finally {
        await again.close();
      }
      expect(wasm.length, 'onnxruntime-web WASM in the build (and so in the precache)').toBeGreaterThan(0);
    } finally {
      await browser.close().catch(() => undefined);
      if (serverRunning) await offlineServer.stop();
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
      await page.goto(updateServer.url);
      await waitForServiceWorker(page);
      await pollPage(page, () => document.documentElement.dataset.isolation === 'isolated', 'isolation');
      expect((await isolationState(page)).version).toBe('e2e-A');
      const before = await page.evaluate(() => document.querySelector('script[type=module]')?.getAttribute('src'));

      // User data written by version A.
      await page.evaluate(
        () =>
          new Promise<void>((ok, fail) => {
            const open = indexedDB.open('ql-e2e-update', 1);
            open.onupgradeneeded = () => open.result.createObjectStore('notes');
            open.onsuccess = () => {
              const tx = open.result.transaction('notes', 'readwrite');
              tx.objectStore('notes').put({ text: 'written by A', values: new Float64Array([1.5, 2.5]) }, 'n1');
              tx.oncomplete = () => (open.result.close(), ok());
              tx.onerror = () => fail(tx.error);
            };
          }),
      );

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
      const note = await page.evaluate(
        () =>
          new Promise<{ text: string; values: number[] }>((ok, fail) => {
            const open = indexedDB.open('ql-e2e-update');
            open.onsuccess = () => {
              const get = open.result.transaction('notes').objectStore('notes').get('n1');
              get.onsuccess = () => ok({ text: get.result.text, values: [...get.result.values] });
              get.onerror = () => fail(get.error);
            };
          }),
      );
      expect(note).toEqual({ text: 'written by A', values: [1.5, 2.5] });
      expect((await isolationState(page)).crossOriginIsolated).toBe(true);
    } finally {
      await browser.close();
      await updateServer.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

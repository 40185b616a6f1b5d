/**
 * Helpers for the service-worker journeys (pwa, hosting, safety): waiting through the automatic reload that
 * turns on cross-origin isolation, and listing what a build contains.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Polls `fn` in the page until it returns a truthy value, surviving reloads and navigations meanwhile. */
export async function pollPage<T>(page: Page, fn: () => T, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await page.evaluate(fn);
      if (value) return value;
      last = value;
    } catch (e) {
      last = e; // execution context destroyed by a reload: try again
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
}

/** Resolves once the page is controlled by our service worker and the app has published its isolation state. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await pollPage(page, () => navigator.serviceWorker.controller !== null && document.documentElement.dataset.isolation !== undefined, 'service worker control');
}

/**
 * Opens `url` on a server without COOP/COEP and waits through the one automatic reload that the service
 * worker triggers to isolate the page; interacting earlier races that reload ("execution context destroyed").
 */
export async function gotoIsolated(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForServiceWorker(page);
  await pollPage(page, () => document.documentElement.dataset.isolation === 'isolated', 'isolation');
}

export async function isolationState(page: Page) {
  return page.evaluate(() => ({
    crossOriginIsolated,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    mode: document.documentElement.dataset.isolation,
    wasmThreads: Number(document.documentElement.dataset.wasmThreads),
    hardwareConcurrency: navigator.hardwareConcurrency,
    version: document.documentElement.dataset.appVersion,
  }));
}

/** Paths (relative to the build root) of files under `sub` whose name matches `pattern`. */
export function builtFiles(dist: string, sub: string, pattern: RegExp): string[] {
  return readdirSync(join(dist, sub)).filter((f) => pattern.test(f)).map((f) => `${sub}/${f}`);
}

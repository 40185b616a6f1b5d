/**
 * Safety of the deployed app: a strict Content-Security-Policy with no inline scripts and no violations
 * during normal use, injected markup that cannot run, and imported text that is shown literally.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { distDir, launchBrowser, startServer, type Browser, type RunningServer } from './support';
import { pollPage, waitForServiceWorker } from './pwa-support';

const EXPECTED_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
];

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/** Records CSP violations of every document the context opens (init scripts are not subject to the CSP). */
async function recordViolations(browser: Browser): Promise<void> {
  await browser.context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: Violation[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
    );
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations);

describe('safety', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ base: '/quant-lens/', isolation: false });
  });
  afterAll(async () => server?.stop());

  it('the built page has the CSP meta tag and no inline script', () => {
    const html = readFileSync(join(distDir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(csp?.split(/;\s*/)).toEqual(EXPECTED_CSP);
  });

  it('using every tab (through the service worker, isolated) causes no CSP violation or console error', async () => {
    const browser = await launchBrowser();
    try {
      await recordViolations(browser);
      const { page, errors } = browser;
      await page.goto(server.url);
      await waitForServiceWorker(page);
      await pollPage(page, () => document.documentElement.dataset.isolation === 'isolated', 'isolation');
      const tabs = await page.evaluate(() => [...document.querySelectorAll('nav a[href^="#/"]')].map((a) => a.getAttribute('href')!));
      expect(tabs.length).toBeGreaterThanOrEqual(7);
      for (const hash of tabs) {
        await page.click(`nav a[href="${hash}"]`);
        await page.waitForSelector('main h2');
        await page.waitForTimeout(300); // let lazy chunks, charts and workers start
      }
      expect(await violations(page)).toEqual([]);
      expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('markup injected into the page cannot run script: handlers, script tags and javascript: URLs are blocked', async () => {
    const browser = await launchBrowser();
    try {
      await recordViolations(browser);
      const { page } = browser;
      await page.goto(server.url);
      await page.waitForSelector('h1');
      await page.evaluate(() => {
        const box = document.createElement('div');
        document.body.append(box);
        // What an XSS bug would do with an imported symbol name.
        box.innerHTML = '<img src="x" onerror="window.__pwned = \'img\'"><svg onload="window.__pwned = \'svg\'"></svg>';
        box.append(document.createRange().createContextualFragment('<script>window.__pwned = "script"</script>'));
        const link = document.createElement('a');
        link.href = 'javascript:window.__pwned = "link"';
        box.append(link);
        link.click();
      });
      await pollPage(page, async () => (window as unknown as { __cspViolations: unknown[] }).__cspViolations.length >= 3, 'violation reports', 5000);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
      const directives = new Set((await violations(page)).map((v) => v.directive));
      expect(directives.has('script-src-attr') || directives.has('script-src')).toBe(true);
      expect(directives.has('script-src-elem') || directives.has('script-src')).toBe(true);
    } finally {
      await browser.close();
    }
  });
});

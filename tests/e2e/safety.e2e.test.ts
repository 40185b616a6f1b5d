/**
 * Safety of the deployed app: a strict Content-Security-Policy with no inline scripts and no violations
 * during normal use, injected markup that cannot run, and imported text that is shown literally.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { distDir, launchBrowser, saveScreenshot, startServer, type Browser, type RunningServer } from './support';
import { gotoIsolated, pollPage } from './pwa-support';

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
      await gotoIsolated(page, server.url);
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
      await gotoIsolated(page, server.url);
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

  it('malicious CSV names and cells are shown as text, never run', async () => {
    const browser = await launchBrowser();
    try {
      await recordViolations(browser);
      const { page } = browser;
      await gotoIsolated(page, `${server.url}#/data`);
      await expect.poll(() => page.getByTestId('symbol-summary').textContent(), { timeout: 60_000 }).toMatch(/symbols/);
      const evilName = `${PAYLOAD_IMG(1)}.csv`;
      const csv = [
        'Date,Open,High,Low,Close,Volume',
        '2024-01-02,10,11,9,10.5,1000',
        `2024-01-03,10,11,9,${PAYLOAD_SCRIPT(2)},1000`,
        `${PAYLOAD_IMG(3)},10,11,9,10.5,1000`,
      ].join('\n');
      await page.getByTestId('import-files').setInputFiles({ name: evilName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const preview = page.getByRole('article', { name: `Preview of ${evilName}` });
      await preview.getByRole('status').waitFor();
      const text = (await preview.textContent()) ?? '';
      expect(text).toContain(PAYLOAD_SCRIPT(2)); // the bad cell, quoted literally in the problem list
      expect(text).toContain(PAYLOAD_IMG(3));
      await saveScreenshot(page, 'safety-malicious-csv');
      await expectNothingRan(page);
    } finally {
      await browser.close();
    }
  });

  it('JSON with prototype-pollution keys is rejected with a clear message; hostile text imports as plain text', async () => {
    const browser = await launchBrowser();
    try {
      await recordViolations(browser);
      const { page } = browser;
      await gotoIsolated(page, `${server.url}#/overview`);
      const portfolio = page.locator('.portfolio-bar select');
      await expect.poll(() => portfolio.locator('option').count(), { timeout: 60_000 }).toBeGreaterThan(0);
      const optionsBefore = await portfolio.locator('option').allTextContents();
      const importJson = (name: string, body: string) =>
        page.locator('.portfolio-bar input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });

      // __proto__ is a legal JSON key; merged into an object it would reach Object.prototype.
      await importJson('polluted.json', `{"name":"P","cash":1000,"trades":[],"__proto__":{"polluted":true}}`);
      const alert = page.getByRole('alert').filter({ hasText: '__proto__' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('portfolio.__proto__: forbidden key "__proto__"');
      await importJson('constructor.json', `{"name":"P","cash":1000,"trades":[{"date":"2024-01-02","symbol":"SPX","side":"buy","qty":1,"price":1,"constructor":{"prototype":{"polluted":true}}}]}`);
      await page.getByRole('alert').filter({ hasText: 'portfolio.trades[0].constructor' }).waitFor();
      expect(await portfolio.locator('option').allTextContents()).toEqual(optionsBefore); // nothing imported

      // A valid file whose text fields carry markup: imported, and shown exactly as written.
      const hostileName = PAYLOAD_IMG(4);
      await importJson('hostile.json', JSON.stringify({ name: hostileName, cash: 1000, trades: [] }));
      await expect.poll(() => portfolio.locator('option').allTextContents()).toContain(hostileName);
      await saveScreenshot(page, 'safety-malicious-json');
      await expectNothingRan(page);
      expect(await page.evaluate(() => ({}) as { polluted?: boolean }).then((o) => o.polluted)).toBeUndefined();
    } finally {
      await browser.close();
    }
  });

  it('a 100 MB settings file is refused by its size before it is read, with a short message', async () => {
    const browser = await launchBrowser();
    try {
      const { page } = browser;
      await gotoIsolated(page, `${server.url}#/settings`);
      const input = page.locator('input[type=file][accept=".json,application/json"]');
      await input.waitFor({ state: 'attached' });
      // A JSON array of 100 MB: the 1,000,000-character limit is checked on the file's size first.
      // (Playwright takes files over 50 MB by path only.)
      const huge = Buffer.alloc(100 * 1024 * 1024, 0x30);
      huge[0] = 0x5b; // "["
      huge[huge.length - 1] = 0x5d; // "]"
      const dir = mkdtempSync(join(tmpdir(), 'ql-settings-'));
      const path = join(dir, 'huge-settings.json');
      writeFileSync(path, huge);
      await input.setInputFiles(path);
      rmSync(dir, { recursive: true, force: true });
      const alert = page.getByRole('alert').filter({ hasText: 'Not a settings file' });
      await alert.waitFor();
      const text = (await alert.textContent()) ?? '';
      expect(text).toContain('huge-settings.json is 104,857,600 bytes');
      expect(text.length).toBeLessThan(400);
    } finally {
      await browser.close();
    }
  });
});

/** Markup that sets `window.__pwned = n` if it is ever parsed as HTML. */
const PAYLOAD_IMG = (n: number) => `<img src=x onerror=window.__pwned=${n}>`;
const PAYLOAD_SCRIPT = (n: number) => `<script>window.__pwned=${n}</script>`;

/** No payload ran, none was even parsed into an element, nothing polluted, and the CSP had nothing to block. */
async function expectNothingRan(page: Page): Promise<void> {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned,
    injectedImages: document.querySelectorAll('img[src="x"]').length,
    injectedScripts: [...document.scripts].filter((s) => s.textContent?.includes('__pwned')).length,
    polluted: (Object.prototype as { polluted?: unknown }).polluted,
  }));
  expect(state).toEqual({ pwned: undefined, injectedImages: 0, injectedScripts: 0, polluted: undefined });
  expect(await violations(page)).toEqual([]);
}


#!/usr/bin/env node
/**
 * Captures the web app manifest's screenshots (public/screenshots/wide.png 1280x800, narrow.png 390x844)
 * from a production build (demo data, a baseline forecast), so the install dialog shows the real app.
 *   npx vite build --outDir dist-shots && node scripts/make-screenshots.mjs dist-shots && npm run build
 * vite.config.ts lists the screenshots in the manifest once these files exist.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, process.argv[2] ?? 'dist');
const outDir = join(root, 'public/screenshots');
const shots = [
  { file: 'wide.png', width: 1280, height: 800, hash: '#/forecasts' },
  { file: 'narrow.png', width: 390, height: 844, hash: '#/forecasts' },
];

const server = spawn(process.execPath, [join(root, 'scripts/serve.mjs'), dist, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok) => server.stdout.once('data', (chunk) => ok(chunk.toString().trim().split('\n')[0])));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  mkdirSync(outDir, { recursive: true });
  const context = await browser.newContext({ serviceWorkers: 'block', colorScheme: 'light' });
  const page = await context.newPage();
  // The demo data is seeded on the first visit; dismiss the getting-started panel for a clean view.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${url}#/data`);
  await page.getByTestId('symbol-summary').filter({ hasText: 'symbols' }).waitFor({ timeout: 60_000 });
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  if (await dismiss.isVisible()) await dismiss.click();
  for (const { file, width, height, hash } of shots) {
    await page.setViewportSize({ width, height });
    await page.goto(`${url}${hash}`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    // A drift-baseline forecast of the S&P 500: a real chart without downloading a model.
    await page.getByTestId('forecaster').selectOption('baseline:drift');
    await page.locator('[data-testid=symbol] option[value=SPX]').waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByTestId('symbol').selectOption('SPX');
    await page.getByRole('button', { name: 'Forecast', exact: true }).click();
    await page.locator('.forecast-result figcaption').waitFor({ timeout: 60_000 });
    // The job tray opens over the header while the forecast runs; close it.
    const tray = page.locator('.tray-toggle[aria-expanded="true"]');
    if (await tray.count()) await tray.click();
    await page.locator('.forecast-result').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -110); // below the sticky header
    });
    await page.waitForTimeout(1500); // chart animation
    await page.screenshot({ path: join(outDir, file) });
    console.log(`public/screenshots/${file} ${width}x${height}`);
  }
} finally {
  await browser.close();
  server.kill();
}

#!/usr/bin/env node
/**
 * Captures the web app manifest's screenshots (public/screenshots/wide.png 1280x800, narrow.png 390x844)
 * from a production build with the demo data loaded, so the install dialog shows the real app.
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
  { file: 'wide.png', width: 1280, height: 800, hash: '#/overview' },
  { file: 'narrow.png', width: 390, height: 844, hash: '#/overview' },
];

const server = spawn(process.execPath, [join(root, 'scripts/serve.mjs'), dist, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok) => server.stdout.once('data', (chunk) => ok(chunk.toString().trim().split('\n')[0])));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  mkdirSync(outDir, { recursive: true });
  const context = await browser.newContext({ serviceWorkers: 'block', colorScheme: 'light' });
  const page = await context.newPage();
  // Load the bundled demo data once (the Data tab's demo button), so the screens are not empty.
  await page.goto(`${url}#/data`);
  const demo = page.getByRole('button', { name: /demo/i }).first();
  await demo.click({ timeout: 15_000 });
  await page.waitForTimeout(4000);
  for (const { file, width, height, hash } of shots) {
    await page.setViewportSize({ width, height });
    await page.goto(`${url}${hash}`);
    await page.waitForTimeout(3000); // charts animate in
    await page.screenshot({ path: join(outDir, file) });
    console.log(`public/screenshots/${file} ${width}x${height}`);
  }
} finally {
  await browser.close();
  server.kill();
}

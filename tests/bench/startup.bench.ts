/**
 * Start-up of the production build in the real Chromium (headless, this machine's CPU, local server):
 * the time from navigation until the first tab is on screen with its controls, on a first visit
 * (empty profile: nothing cached, the demo data not yet stored) and on a repeat visit, and on a first
 * visit until the demo data is stored and listed. The build is made first when dist/ is missing.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildApp, distDir, launchBrowser, repoRoot, startServer } from '../e2e/browser';
import type { Page } from 'playwright-core';
import { median, type BenchCase, type BenchRow } from './harness';

const RUNS = 5;

/** Milliseconds from starting a navigation to `url` until each of `marks` resolves (in order). */
async function timeMarks(page: Page, url: string, marks: (() => Promise<unknown>)[]): Promise<number[]> {
  await page.goto('about:blank'); // a real navigation each time, not a same-document hash change
  const start = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  const times: number[] = [];
  for (const mark of marks) {
    await mark();
    times.push(performance.now() - start);
  }
  return times;
}

const overviewMarks = (page: Page) => [
  () => page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor({ timeout: 60_000 }),
  () => page.getByRole('button', { name: /Compute signals/ }).waitFor({ timeout: 60_000 }),
];
const demoDataListed = (page: Page) => page.getByTestId('symbol-summary').getByText('6 symbols, 5,665 bars').waitFor({ timeout: 60_000 });

export const benchCases: BenchCase[] = [
  {
    name: 'startup',
    async run(): Promise<BenchRow[]> {
      if (!existsSync(join(distDir, 'index.html'))) buildApp(relative(repoRoot, distDir));
      const server = await startServer();
      const first: number[][] = [];
      const repeat: number[][] = [];
      const seeded: number[] = [];
      try {
        for (let i = 0; i < RUNS; i++) {
          const browser = await launchBrowser();
          try {
            first.push(await timeMarks(browser.page, `${server.url}#/overview`, overviewMarks(browser.page)));
            repeat.push(await timeMarks(browser.page, `${server.url}#/overview`, overviewMarks(browser.page)));
          } finally {
            await browser.close();
          }
          const fresh = await launchBrowser();
          try {
            seeded.push((await timeMarks(fresh.page, `${server.url}#/data`, [() => demoDataListed(fresh.page)]))[0]);
          } finally {
            await fresh.close();
          }
        }
      } finally {
        await server.stop();
      }
      const size = 'production build, headless Chromium';
      const screen = median(first.map((t) => t[0]));
      return [
        { work: 'first visit: Overview on screen', size, medianMs: screen, aim: `< 1000 ms: ${screen < 1000 ? 'met' : 'not met'}` },
        { work: "first visit: today's signals ready (demo data stored, workers started, service worker precaching)", size, medianMs: median(first.map((t) => t[1])) },
        { work: 'repeat visit: Overview on screen', size, medianMs: median(repeat.map((t) => t[0])) },
        { work: "repeat visit: today's signals ready", size, medianMs: median(repeat.map((t) => t[1])) },
        { work: 'first visit until the demo data is stored and listed (Data tab)', size: '6 symbols, 5,665 bars', medianMs: median(seeded) },
      ];
    },
  },
];

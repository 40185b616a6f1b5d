/**
 * Keeping 100 symbols x 20 years current from a local feed, in the real Chromium against the production build:
 * the site's `data/manifest.json` plus one quant-lens/bars JSON file per symbol, served with the app (the
 * GitHub Pages feed). Measured from navigation until the Data tab reports the feed done:
 * - first load: every symbol imported into an empty profile (5,035 bars each);
 * - refresh: the feed moved on by five sessions; each symbol's file is read again, the overlap checked and
 *   only the new bars written (one transaction per symbol).
 * The `refresh-provider` case does the same through Get prices and Refresh all against a local server speaking
 * Stooq's CSV protocol (tests/e2e/provider-server.ts): one request per symbol, all history first, then only
 * from the overlap start.
 * Peak memory is the growth of the resident memory of all of that Chromium's processes (page, worker, GPU...),
 * sampled every 50 ms.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { tradingDays } from '../../src/core/data/calendar';
import { exportJson } from '../../src/core/data/export';
import type { Bar } from '../../src/core/data/types';
import type { Locator } from 'playwright-core';
import { buildApp, distDir, launchBrowser, repoRoot, startServer, type Browser } from '../e2e/browser';
import { startProviderServer } from '../e2e/provider-server';
import { median, type BenchCase, type BenchRow } from './harness';

const SYMBOLS = 100;
const RUNS = 3;
/** Runs of the provider case (each fetches 0.5 M bars first). */
const PROVIDER_RUNS = 2;
const FIRST = '2004-01-02';
const LAST = '2023-12-22';
/** Five sessions added per refresh. */
const DAYS = tradingDays(FIRST, '2024-03-28');
const baseCount = DAYS.indexOf(LAST) + 1;

function barsOf(s: number, count: number): Bar[] {
  return DAYS.slice(0, count).map((date, i) => {
    const close = Math.round((20 + s + 10 * Math.sin((i + s) / 15) + i * 0.01) * 100) / 100;
    return { date, open: close, high: close + 0.5, low: close - 0.5, close, volume: 100_000 + i, adjClose: close };
  });
}

/** Writes the feed with `count` sessions per symbol. */
function writeFeed(site: string, count: number): void {
  const dir = join(site, 'data');
  mkdirSync(dir, { recursive: true });
  const at = '2024-03-28T22:00:00Z';
  const entries = [];
  for (let s = 0; s < SYMBOLS; s++) {
    const symbol = `SYM${String(s).padStart(3, '0')}`;
    const bars = barsOf(s, count);
    writeFileSync(join(dir, `${symbol}.json`), exportJson([{ symbol, bars }]));
    entries.push({ symbol, file: `${symbol}.json`, source: 'yahoo', adjustment: 'splits', firstDate: bars[0].date, lastDate: bars.at(-1)!.date, bars: bars.length, fetchedAt: at });
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 'quant-lens/feed', version: 1, generatedAt: at, entries }));
}

/** Resident memory (KiB) of every process whose command line names this browser's profile directory. */
function chromiumRssKiB(profile: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile)) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += rss ? Number(rss[1]) : 0;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

interface Timed {
  ms: number;
  peakMiB: number;
}

/** Milliseconds from `start()` until `done()` resolves, and the browser's peak RSS growth meanwhile. */
async function timed(browser: Browser, start: () => Promise<unknown>, done: () => Promise<unknown>): Promise<Timed> {
  const baseline = chromiumRssKiB(browser.userDataDir);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, chromiumRssKiB(browser.userDataDir))), 50);
  try {
    const began = performance.now();
    await start();
    await done();
    return { ms: performance.now() - began, peakMiB: (peak - baseline) / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

/** From navigating to `url` until the feed note matches. */
async function timeFeed(browser: Browser, url: string, note: RegExp): Promise<Timed> {
  await browser.page.goto('about:blank');
  return timed(browser, () => browser.page.goto(url), () => browser.page.getByTestId('feed-note').getByText(note).waitFor({ timeout: 300_000 }));
}

const size = `${SYMBOLS} symbols x 20 y (${((SYMBOLS * baseCount) / 1e6).toFixed(2)} M bars)`;

function row(work: string, verb: string, runs: Timed[]): BenchRow {
  const ms = median(runs.map((r) => r.ms));
  return { work, size, medianMs: ms, throughput: `${((SYMBOLS * baseCount) / ms).toFixed(1)} k bars/s ${verb}`, peakMiB: Math.max(...runs.map((r) => r.peakMiB)) };
}

const tickers = Array.from({ length: SYMBOLS }, (_, s) => `SYM${String(s).padStart(3, '0')}`);

export const benchCases: BenchCase[] = [
  {
    name: 'refresh',
    async run(): Promise<BenchRow[]> {
      if (!existsSync(join(distDir, 'index.html'))) buildApp(relative(repoRoot, distDir));
      const site = mkdtempSync(join(tmpdir(), 'ql-feed-bench-'));
      cpSync(distDir, site, { recursive: true });
      const server = await startServer({ dir: site });
      const first: Timed[] = [];
      const refresh: Timed[] = [];
      try {
        for (let run = 0; run < RUNS; run++) {
          writeFeed(site, baseCount);
          const browser = await launchBrowser();
          try {
            const all = new RegExp(`^Site data feed: ${SYMBOLS} symbols published; SYM000, .*SYM099 imported or updated\\.$`);
            first.push(await timeFeed(browser, `${server.url}#/data`, all));
            writeFeed(site, baseCount + 5);
            refresh.push(await timeFeed(browser, `${server.url}#/data`, all));
            const rows = await browser.page.locator('tr[data-symbol="SYM099"]').textContent();
            if (!rows?.includes(DAYS[baseCount + 4])) throw new Error(`refresh did not reach ${DAYS[baseCount + 4]}: ${rows}`);
          } finally {
            await browser.close();
          }
        }
      } finally {
        await server.stop();
        rmSync(site, { recursive: true, force: true });
      }
      return [
        row('site feed on open, Chromium: first load of 100 symbols into IndexedDB (one transaction per symbol)', 'stored', first),
        row('site feed on open, Chromium: refresh, +5 sessions per symbol (overlap check, new bars written)', 'checked', refresh),
      ];
    },
  },
  {
    name: 'refresh-provider',
    async run(): Promise<BenchRow[]> {
      if (!existsSync(join(distDir, 'index.html'))) buildApp(relative(repoRoot, distDir));
      const app = await startServer();
      const provider = await startProviderServer({ firstDate: FIRST, lastDate: LAST, stooqKey: 'bench-key' });
      const fetched: Timed[] = [];
      const refreshed: Timed[] = [];
      try {
        for (let run = 0; run < PROVIDER_RUNS; run++) {
          provider.lastDate = LAST;
          const browser = await launchBrowser();
          const { page } = browser;
          try {
            await page.goto(`${app.url}#/data`);
            await page.getByTestId('symbol-summary').getByText(/^6 symbols/).waitFor({ timeout: 60_000 });
            await page.getByTestId('provider').selectOption('stooq');
            await page.getByTestId('api-key').fill('bench-key');
            await page.getByText('Advanced').click();
            await page.getByTestId('base-url').fill(provider.url);
            await page.getByTestId('tickers').fill(tickers.join(' '));
            const panel = page.getByTestId('get-prices');
            fetched.push(await timed(browser, () => page.getByRole('button', { name: `Fetch ${SYMBOLS} symbols` }).click(),
              () => panel.and(page.locator('[data-runs="1"]')).waitFor({ timeout: 600_000 })));
            provider.lastDate = DAYS[baseCount + 4];
            const results = page.getByRole('table', { name: 'Refresh results' }).locator('tr[data-result]');
            refreshed.push(await timed(browser, () => page.getByRole('button', { name: 'Refresh all' }).click(),
              () => expectCount(results, SYMBOLS)));
            const last = await page.locator('tr[data-symbol="SYM099"]').textContent();
            if (!last?.includes(DAYS[baseCount + 4])) throw new Error(`refresh did not reach ${DAYS[baseCount + 4]}: ${last}`);
          } finally {
            await browser.close();
          }
        }
      } finally {
        await app.stop();
        await provider.stop();
      }
      return [
        row('Get prices, Chromium: 100 symbols from a local Stooq-protocol server (CSV, one request and one transaction each)', 'stored', fetched),
        row('Refresh all, Chromium: +5 sessions per symbol from the same server (incremental ask, overlap check)', 'checked', refreshed),
      ];
    },
  },
];

/** Polls until `locator` matches `count` elements (the results of a finished job). */
async function expectCount(locator: Locator, count: number): Promise<void> {
  const deadline = Date.now() + 600_000;
  while ((await locator.count()) !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} result rows, saw ${await locator.count()}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

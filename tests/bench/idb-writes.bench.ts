/**
 * Where the time of storing price bars in Chromium's IndexedDB goes (the first load of a feed or of Get prices
 * is bound by it). Raw IndexedDB in the real Chromium, on a throwaway database. The app's layout since schema
 * version 5 (`barChunks`, bar-chunks.ts): one record per symbol and calendar year holding the year's bars in
 * columns (dates plus Float64Arrays), one transaction per symbol, a promise per put. Before it, schema 1-4's
 * `bars` layout (key path [symbol, date], index `bySymbol`, one record per bar): the same 10 symbols x 5,035 bars written
 * - the app's way: one transaction per symbol, every put with its own promise (idb);
 * - one transaction per symbol, puts issued without per-request listeners (only the transaction's outcome);
 * - the same with `durability: 'relaxed'` (no flush to disk at each commit);
 * - all symbols in one transaction (the floor for per-transaction overhead);
 * and, to see what the layout costs (the app keeps its layout: these only locate the time), the same bars
 * without the `bySymbol` index, and as one record per symbol. Besides wall time, each row gives the CPU time
 * of all the browser's processes per bar and the share of it spent in the page (the rest is the browser's
 * storage backend).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildApp, distDir, launchBrowser, repoRoot, startServer } from '../e2e/browser';
import { median, type BenchCase, type BenchRow } from './harness';

const SYMBOLS = 10;
const BARS = 5035;
const RUNS = 3;

type Variant = 'year-chunks' | 'promise-per-put' | 'tx-only' | 'tx-only-relaxed' | 'one-transaction' | 'no-index' | 'record-per-symbol';

/** Runs in the page: writes SYMBOLS x BARS bars the `variant` way into a fresh database; returns ms. */
async function writeInPage([variant, symbols, bars]: [Variant, number, number]): Promise<number> {
  const name = `bench-${variant}-${Math.random()}`;
  const db = await new Promise<IDBDatabase>((ok, fail) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      if (variant === 'record-per-symbol') open.result.createObjectStore('bars', { keyPath: 'symbol' });
      else if (variant === 'year-chunks') open.result.createObjectStore('bars', { keyPath: ['symbol', 'year'] });
      else {
        const store = open.result.createObjectStore('bars', { keyPath: ['symbol', 'date'] });
        if (variant !== 'no-index') store.createIndex('bySymbol', 'symbol');
      }
    };
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
  const rows = (s: number) => Array.from({ length: bars }, (_, i) => {
    const date = new Date(Date.UTC(2004, 0, 2) + i * 86_400_000).toISOString().slice(0, 10);
    const close = 20 + s + Math.sin(i / 15);
    return { symbol: `SYM${s}`, date, open: close, high: close + 0.5, low: close - 0.5, close, volume: 100_000 + i, adjClose: close };
  });
  const done = (tx: IDBTransaction) => new Promise<void>((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onabort = () => fail(tx.error);
  });
  const request = (r: IDBRequest) => new Promise((ok, fail) => {
    r.addEventListener('success', () => ok(r.result));
    r.addEventListener('error', () => fail(r.error));
  });
  const data = Array.from({ length: symbols }, (_, s) => rows(s));
  const began = performance.now();
  if (variant === 'year-chunks') {
    for (const list of data) {
      const years = new Map<string, typeof list>();
      for (const row of list) years.set(row.date.slice(0, 4), [...(years.get(row.date.slice(0, 4)) ?? []), row]);
      const tx = db.transaction('bars', 'readwrite');
      const store = tx.objectStore('bars');
      const column = (rows: typeof list, key: 'open' | 'high' | 'low' | 'close' | 'volume' | 'adjClose') => Float64Array.from(rows, (row) => row[key]);
      const chunks = [...years].map(([year, rows]) => ({ symbol: rows[0].symbol, year, dates: rows.map((row) => row.date), open: column(rows, 'open'),
        high: column(rows, 'high'), low: column(rows, 'low'), close: column(rows, 'close'), volume: column(rows, 'volume'), adjClose: column(rows, 'adjClose') }));
      await Promise.all([...chunks.map((chunk) => request(store.put(chunk))), done(tx)]);
    }
  } else if (variant === 'record-per-symbol') {
    for (const list of data) {
      const tx = db.transaction('bars', 'readwrite');
      tx.objectStore('bars').put({ symbol: list[0].symbol, bars: list });
      await done(tx);
    }
  } else if (variant === 'one-transaction') {
    const tx = db.transaction('bars', 'readwrite');
    for (const list of data) for (const row of list) tx.objectStore('bars').put(row);
    await done(tx);
  } else {
    for (const list of data) {
      const tx = db.transaction('bars', 'readwrite', variant === 'tx-only-relaxed' ? { durability: 'relaxed' } : undefined);
      const store = tx.objectStore('bars');
      if (variant === 'promise-per-put') await Promise.all([...list.map((row) => request(store.put(row))), done(tx)]);
      else {
        for (const row of list) store.put(row);
        await done(tx);
      }
    }
  }
  const ms = performance.now() - began;
  db.close();
  indexedDB.deleteDatabase(name);
  return ms;
}

/**
 * CPU time (ms) used so far by every process of this browser (page, storage service...): steadier than wall
 * time on a shared machine. Clock ticks from /proc/<pid>/stat (utime + stime, 100 per second on Linux).
 */
function browserCpuMs(profile: string): { page: number; rest: number } {
  const ticks = { page: 0, rest: 0 };
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes(profile)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      // utime + stime (fields 14 and 15 of the whole line); the page's renderer apart from the browser's own processes.
      ticks[cmdline.includes('--type=renderer') ? 'page' : 'rest'] += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return { page: ticks.page * 10, rest: ticks.rest * 10 };
}

const labels: Record<Variant, string> = {
  'year-chunks': 'the app since schema 5: one record per symbol and year (columns), one transaction per symbol, a promise per put',
  'promise-per-put': 'schema 1-4: one record per bar, one transaction per symbol, a promise per put (as idb does)',
  'tx-only': 'one transaction per symbol, puts without per-request listeners',
  'tx-only-relaxed': 'one transaction per symbol, no per-request listeners, durability relaxed',
  'one-transaction': 'all symbols in one transaction, no per-request listeners',
  'no-index': 'one transaction per symbol, no per-request listeners, without the bySymbol index (layout check only)',
  'record-per-symbol': 'one transaction per symbol, ONE record holding all its bars (layout check only)',
};

export const benchCases: BenchCase[] = [
  {
    name: 'idb writes',
    async run(): Promise<BenchRow[]> {
      if (!existsSync(join(distDir, 'index.html'))) buildApp(relative(repoRoot, distDir));
      const server = await startServer();
      const browser = await launchBrowser();
      const rows: BenchRow[] = [];
      try {
        // A blank page of the app's origin: IndexedDB without the app running next to it.
        await browser.page.goto(`${server.url}404-blank`);
        // tsx keeps function names with a `__name` helper that the page does not have.
        await browser.page.evaluate('globalThis.__name = (f) => f');
        const size = `${SYMBOLS} symbols x ${BARS.toLocaleString('en-US')} bars (${((SYMBOLS * BARS) / 1e6).toFixed(2)} M records)`;
        const variants = Object.keys(labels) as Variant[];
        const wall = new Map<Variant, number[]>(variants.map((v) => [v, []]));
        const cpu = new Map<Variant, number[]>(variants.map((v) => [v, []]));
        const pageCpu = new Map<Variant, number[]>(variants.map((v) => [v, []]));
        // Interleaved runs, so that a change in the machine's load touches every variant alike.
        for (let run = 0; run < RUNS; run++) {
          for (const variant of variants) {
            const before = browserCpuMs(browser.userDataDir);
            wall.get(variant)!.push(await browser.page.evaluate(writeInPage, [variant, SYMBOLS, BARS] as [Variant, number, number]));
            const after = browserCpuMs(browser.userDataDir);
            cpu.get(variant)!.push(after.page + after.rest - before.page - before.rest);
            pageCpu.get(variant)!.push(after.page - before.page);
          }
        }
        for (const variant of variants) {
          const ms = median(wall.get(variant)!);
          const cpuMs = median(cpu.get(variant)!);
          const pageShare = median(pageCpu.get(variant)!) / cpuMs;
          rows.push({ work: `IndexedDB in Chromium, raw: ${labels[variant]}`, size, medianMs: ms,
            throughput: `${((SYMBOLS * BARS) / ms).toFixed(1)} k bars/s; CPU ${((cpuMs * 1000) / (SYMBOLS * BARS)).toFixed(0)} µs/bar, ${Math.round(pageShare * 100)}% in the page` });
        }
      } finally {
        await browser.close();
        await server.stop();
      }
      return rows;
    },
  },
];

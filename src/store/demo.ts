/**
 * Demo data for a first start: the daily S&P 500 (2000-2020) and monthly closes of five large caps
 * (2000-2010), from the BSD-3 licensed vega-datasets package (copied to `public/demo/`). Seeding goes
 * through the same parser and all-or-nothing import as a user's files.
 *
 * The monthly file has only a close: open, high and low are set to the close and volume is unknown
 * (NaN), which the quality report does not count as zero volume. Its rows are dated the 1st ("Jan 1
 * 2000") but hold that month's LAST close (AAPL's 25.94 is the 31 Jan 2000 close, split-adjusted), so
 * each is stored on the last NYSE trading day of its month: compared with the daily SPX, it then lines
 * up with the same day's close. Databases seeded before with the 1st get their untouched demo copies
 * re-dated on start-up (`redateDemoMonths`).
 */
import { lastTradingDayOfMonth } from '../core/data/calendar';
import { parseImportFile } from '../core/data/parse';
import type { Bar } from '../core/data/types';
import { importBatch, listSymbols, type ImportItem } from './bars';
import type { QuantDb, SymbolInfo } from './db';
import { DEMO_SOURCE_PREFIX } from './demo-symbols';
import { summariseQuality } from '../core/data/quality';
import { getSetting } from './settings';

/** Static assets under the app's base path (precached by the service worker for offline use). */
export const DEMO_FILES = ['demo/sp500-2000.csv', 'demo/stocks.csv'] as const;
export type DemoFile = (typeof DEMO_FILES)[number];

const SEEDED_KEY = 'data.demoSeededAt';

const NAMES: Record<string, string> = {
  SPX: 'S&P 500 index 2000-2020, demo',
  MSFT: 'Microsoft, monthly 2000-2010, demo',
  AMZN: 'Amazon, monthly 2000-2010, demo',
  IBM: 'IBM, monthly 2000-2010, demo',
  GOOG: 'Google, monthly 2004-2010, demo',
  AAPL: 'Apple, monthly 2000-2010, demo',
};

/** Not seeded before (a user who deleted the demo keeps it deleted) and no symbol stored yet. */
async function wantsDemo(db: QuantDb): Promise<boolean> {
  return (await getSetting<string | null>(db, SEEDED_KEY, null)) === null && (await listSymbols(db)).length === 0;
}

/**
 * Imports the demo symbols into an empty database, once: after a user deletes them they stay
 * deleted. Returns the symbols written (empty when nothing was done). The check is made again inside the
 * writing transaction, which also records the seeding, so two tabs opening at once seed once and a
 * symbol stored meanwhile (another tab's import) stops the seed whole.
 */
export async function seedDemoIfEmpty(db: QuantDb, load: (file: DemoFile) => Promise<Uint8Array>): Promise<string[]> {
  if (!(await wantsDemo(db))) return []; // the cheap look, before loading and parsing the files
  const items = await demoItems(load, DEMO_FILES);
  const written = await importBatch(db, items, { merge: 'replace', assess: summariseQuality }, async (tx) => {
    const [seededAt, stored] = await Promise.all([tx.objectStore('settings').get(SEEDED_KEY), tx.objectStore('symbols').count()]);
    if (seededAt !== undefined || stored > 0) return false;
    await tx.objectStore('settings').put(new Date().toISOString(), SEEDED_KEY);
    return true;
  });
  return written.map((w) => w.symbol);
}

const MONTHLY_FILE = 'demo/stocks.csv';

/** The demo files parsed into import items, the monthly rows moved to their month's last trading day. */
async function demoItems(load: (file: DemoFile) => Promise<Uint8Array>, files: readonly DemoFile[]): Promise<ImportItem[]> {
  const parsed = await Promise.all(files.map(async (file) => {
    const name = file.slice('demo/'.length);
    return { file, result: await parseImportFile({ name, bytes: await load(file) }, name === 'sp500-2000.csv' ? { symbol: 'SPX' } : {}) };
  }));
  const broken = parsed.find((p) => !p.result.ok);
  if (broken) throw new Error(`demo file ${broken.result.file} did not parse: ${broken.result.problems.map((p) => p.message).join('; ')}`);
  return parsed.flatMap(({ file, result }) => result.symbols.map((s) => ({
    symbol: s.symbol,
    name: NAMES[s.symbol],
    source: `${DEMO_SOURCE_PREFIX}vega-datasets ${result.file}`,
    bars: file === MONTHLY_FILE ? atMonthEnds(s.bars) : s.bars,
  })));
}

function atMonthEnds(bars: readonly Bar[]): Bar[] {
  return bars.map((bar) => ({ ...bar, date: lastTradingDayOfMonth(bar.date) }));
}

/** A monthly demo symbol still as the first seeding stored it: untouched by the user, dated the 1st. */
function isFirstOfMonthDemo(row: SymbolInfo): boolean {
  return row.source === `${DEMO_SOURCE_PREFIX}vega-datasets stocks.csv` && row.firstDate.endsWith('-01') && row.lastDate.endsWith('-01');
}

/**
 * Moves monthly demo symbols stored by an older version (dated the 1st of each month) to month-end
 * dates: the same closes, re-read from the demo file. Only symbols that are still the untouched demo
 * copy are rewritten (anything imported, fetched or merged into a symbol changes its source); the rows
 * are checked again inside the one writing transaction, and a symbol changed meanwhile calls it all
 * off. Returns the symbols re-dated.
 */
export async function redateDemoMonths(db: QuantDb, load: (file: DemoFile) => Promise<Uint8Array>): Promise<string[]> {
  const stale = (await listSymbols(db)).filter(isFirstOfMonthDemo);
  if (stale.length === 0) return [];
  const bySymbol = new Map(stale.map((row) => [row.symbol, row]));
  const items = (await demoItems(load, [MONTHLY_FILE]))
    .filter((item) => bySymbol.has(item.symbol))
    .map((item) => ({ ...item, name: bySymbol.get(item.symbol)!.name }));
  const written = await importBatch(db, items, { merge: 'replace-symbol', assess: summariseQuality }, async (tx) => {
    const rows = await Promise.all(items.map((item) => tx.objectStore('symbols').get(item.symbol)));
    return rows.every((row, i) => row !== undefined && isFirstOfMonthDemo(row) && row.importedAt === bySymbol.get(items[i].symbol)!.importedAt);
  });
  return written.map((w) => w.symbol);
}

/** The demo symbols (SPX, AAPL...). */
export const DEMO_SYMBOLS = Object.keys(NAMES);

/**
 * Adds the demo symbols that are not stored, on request (e.g. after "Delete all data"): a stored symbol
 * of the same name, the user's or the demo's, is left alone. The absence is checked again inside the one
 * writing transaction. Returns the symbols added.
 */
export async function addMissingDemo(db: QuantDb, load: (file: DemoFile) => Promise<Uint8Array>): Promise<string[]> {
  const stored = new Set((await listSymbols(db)).map((s) => s.symbol));
  const items = (await demoItems(load, DEMO_FILES)).filter((item) => !stored.has(item.symbol));
  if (items.length === 0) return [];
  const written = await importBatch(db, items, { merge: 'replace', assess: summariseQuality }, async (tx) => {
    const rows = await Promise.all(items.map((item) => tx.objectStore('symbols').get(item.symbol)));
    return rows.every((row) => row === undefined);
  });
  return written.map((w) => w.symbol);
}

/** Reads a demo file from the app's own `demo/` assets. */
export async function loadDemoFileFromSite(file: DemoFile): Promise<Uint8Array> {
  const response = await fetch(new URL(file, document.baseURI));
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Seeds from the app's own `demo/` assets, or re-dates an older seeding's monthly symbols; a failure
 * (e.g. offline before the first visit) is logged, not fatal.
 */
export async function seedDemoFromSite(db: QuantDb): Promise<void> {
  const load = loadDemoFileFromSite;
  try {
    const seeded = await seedDemoIfEmpty(db, load);
    if (seeded.length === 0) await redateDemoMonths(db, load);
  } catch (error) {
    console.warn('Demo data could not be loaded:', error);
  }
}

/**
 * Demo data for a first start: the daily S&P 500 (2000-2020) and monthly closes of five large caps
 * (2000-2010), from the BSD-3 licensed vega-datasets package (copied to `public/demo/`). Seeding goes
 * through the same parser and all-or-nothing import as a user's files.
 *
 * The monthly file has only a close: open, high and low are set to the close and volume is unknown
 * (NaN), which the quality report does not count as zero volume.
 */
import { parseImportFile } from '../core/data/parse';
import { importBatch, listSymbols } from './bars';
import type { QuantDb } from './db';
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
  const [sp500, stocks] = await Promise.all(DEMO_FILES.map(load));
  const parsed = [
    await parseImportFile({ name: 'sp500-2000.csv', bytes: sp500 }, { symbol: 'SPX' }),
    await parseImportFile({ name: 'stocks.csv', bytes: stocks }),
  ];
  const broken = parsed.find((p) => !p.ok);
  if (broken) throw new Error(`demo file ${broken.file} did not parse: ${broken.problems.map((p) => p.message).join('; ')}`);
  const items = parsed.flatMap((p) => p.symbols.map((s) => ({ symbol: s.symbol, name: NAMES[s.symbol], source: `${DEMO_SOURCE_PREFIX}vega-datasets ${p.file}`, bars: s.bars })));
  const written = await importBatch(db, items, { merge: 'replace', assess: summariseQuality }, async (tx) => {
    const [seededAt, stored] = await Promise.all([tx.objectStore('settings').get(SEEDED_KEY), tx.objectStore('symbols').count()]);
    if (seededAt !== undefined || stored > 0) return false;
    await tx.objectStore('settings').put(new Date().toISOString(), SEEDED_KEY);
    return true;
  });
  return written.map((w) => w.symbol);
}

/** Seeds from the app's own `demo/` assets; a failure (e.g. offline before the first visit) is logged, not fatal. */
export async function seedDemoFromSite(db: QuantDb): Promise<void> {
  try {
    await seedDemoIfEmpty(db, async (file) => {
      const response = await fetch(new URL(file, document.baseURI));
      if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    });
  } catch (error) {
    console.warn('Demo data could not be loaded:', error);
  }
}

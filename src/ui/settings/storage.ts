/** Counting and deleting everything the app keeps in this browser. */
import type { QuantDb, QuantStoreName } from '../../store/db';
import { putSetting } from '../../store/settings';

const countedStores = ['symbols', 'portfolios', 'portfolioTrades', 'mlModels', 'experiments', 'backtestRuns', 'forecasts'] as const;
export type StoredCounts = Record<(typeof countedStores)[number] | 'bars', number>;

export async function countStoredData(db: QuantDb): Promise<StoredCounts> {
  const counts = await Promise.all(countedStores.map((store) => db.count(store)));
  // Bars are stored one record per symbol and year: each symbol's row counts its bars.
  const bars = (await db.getAll('symbols')).reduce((sum, symbol) => sum + symbol.barCount, 0);
  return { ...Object.fromEntries(countedStores.map((store, i) => [store, counts[i]])), bars } as StoredCounts;
}

/** Local flags of the shell (theme, walk-through) kept in localStorage. */
const localKeys = ['ql-theme', 'ql-getting-started-seen'];

/**
 * Empties every IndexedDB store in one transaction, the Cache Storage (model files and the app's
 * offline copy is re-fetched by the service worker) and the origin-private file system, and the
 * shell's localStorage flags. The demo-seeded marker is written back so an emptied app stays empty.
 */
export async function deleteAllData(db: QuantDb): Promise<void> {
  const stores = [...db.objectStoreNames] as QuantStoreName[];
  const tx = db.transaction(stores, 'readwrite');
  await Promise.all([...stores.map((s) => tx.objectStore(s).clear()), tx.done]);
  await putSetting(db, 'data.demoSeededAt', new Date().toISOString());
  if ('caches' in globalThis) {
    for (const key of await caches.keys()) if (!key.startsWith('workbox-precache')) await caches.delete(key);
  }
  const opfs = await navigator.storage?.getDirectory?.().catch(() => undefined);
  if (opfs) {
    for await (const name of (opfs as unknown as { keys(): AsyncIterable<string> }).keys()) await opfs.removeEntry(name, { recursive: true });
  }
  for (const key of localKeys) localStorage.removeItem(key);
}

/**
 * Several tabs on one database (fake-indexeddb): an upgrade by a newer tab closes the older tab's
 * connection with a message and no data loss; an upgrade blocked by an old connection says what to do.
 */
import 'fake-indexeddb/auto';
import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { QUANT_DB_VERSION, UPDATED_ELSEWHERE, UPGRADE_BLOCKED, getQuantDb, openQuantDb } from '../../../src/store/db';
import { notifyPortfoliosChanged, notifySymbolsChanged, onDatabaseNotice, onPortfoliosChanged, onSymbolsChanged } from '../../../src/store/events';
import { putSetting } from '../../../src/store/settings';

const name = `ql-tabs-${process.pid}`;
afterEach(() => deleteDB(name));

function notices(): { seen: string[]; stop: () => void } {
  const seen: string[] = [];
  return { seen, stop: onDatabaseNotice((m) => seen.push(m)) };
}

describe('a database upgrade requested by a newer tab', () => {
  it('closes the older connection after its writes, tells the user to reload, and keeps the data', async () => {
    const { seen, stop } = notices();
    const older = await openQuantDb(name);
    // A write under way when the newer tab asks for the upgrade still lands.
    const write = putSetting(older, 'test.kept', 42);
    const newer = await openDB(name, QUANT_DB_VERSION + 1, {
      upgrade(db) {
        db.createObjectStore('addedByNewer');
      },
    });
    await write;
    expect(seen).toEqual([UPDATED_ELSEWHERE]);
    expect(UPDATED_ELSEWHERE).toBe('Quant Lens was updated in another tab: reload this tab to continue (your data is safe).');
    expect(await newer.get('settings', 'test.kept')).toBe(42);
    expect([...newer.objectStoreNames]).toContain('portfolioTrades');
    // The older tab does not reopen at its old version: it says why instead.
    await expect(getQuantDb()).rejects.toThrow(UPDATED_ELSEWHERE);
    newer.close();
    stop();
  });

  it('says to close the other tabs when an old connection blocks this tab\'s upgrade, then continues', async () => {
    const { seen, stop } = notices();
    // An old app version (schema 1) that does not close on request.
    const old = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('symbols', { keyPath: 'symbol' });
        db.createObjectStore('bars', { keyPath: ['symbol', 'date'] }).createIndex('bySymbol', 'symbol');
        db.createObjectStore('settings');
      },
    });
    await old.put('settings', 'v1 value', 'test.old');
    const opening = openQuantDb(name);
    await expect.poll(() => seen).toEqual([UPGRADE_BLOCKED]);
    old.close(); // the user closed the other tab
    const db = await opening;
    expect(db.version).toBe(QUANT_DB_VERSION);
    expect(await db.get('settings', 'test.old')).toBe('v1 value');
    db.close();
    stop();
  });
});

describe('change notifications', () => {
  it('reach the listeners of this page, with the portfolio id', () => {
    const symbols: number[] = [];
    const portfolios: string[] = [];
    const stops = [onSymbolsChanged(() => symbols.push(1)), onPortfoliosChanged((id) => portfolios.push(id))];
    notifySymbolsChanged();
    notifyPortfoliosChanged('pf-1');
    stops.forEach((stop) => stop());
    notifySymbolsChanged();
    expect(symbols).toEqual([1]);
    expect(portfolios).toEqual(['pf-1']);
  });

  it('reach other contexts through a BroadcastChannel (as another tab receives them)', async () => {
    const other = new BroadcastChannel('quant-lens-changes');
    const received: unknown[] = [];
    other.onmessage = (e) => received.push(e.data);
    notifyPortfoliosChanged('pf-2');
    notifySymbolsChanged();
    await expect.poll(() => received).toEqual([{ kind: 'portfolios', portfolioId: 'pf-2' }, { kind: 'symbols' }]);
    // And a message from another tab is delivered to this page's listeners.
    const heard: string[] = [];
    const stop = onPortfoliosChanged((id) => heard.push(id));
    other.postMessage({ kind: 'portfolios', portfolioId: 'pf-3' });
    await expect.poll(() => heard).toEqual(['pf-3']);
    stop();
    other.close();
  });
});

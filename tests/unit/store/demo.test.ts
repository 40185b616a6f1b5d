import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteSymbol, importBatch, listSymbols, loadSeries } from '../../../src/store/bars';
import type { QuantDb } from '../../../src/store/db';
import { useFreshDb } from './fresh-db';
import { addMissingDemo, DEMO_FILES, seedDemoIfEmpty } from '../../../src/store/demo';
import { onSymbolsChanged } from '../../../src/store/events';

const fromPublic = async (file: string) => new Uint8Array(readFileSync(`public/${file}`));

const currentDb = useFreshDb('demo');
let db: QuantDb;
beforeEach(() => {
  db = currentDb();
});

describe('demo data', () => {
  it('ships unmodified copies of the vega-datasets files', () => {
    for (const file of DEMO_FILES) {
      expect(readFileSync(`public/${file}`).equals(readFileSync(`node_modules/vega-datasets/data/${file.slice(5)}`))).toBe(true);
    }
  });

  it('seeds SPX daily and five monthly symbols into an empty database, once', async () => {
    let notified = 0;
    const stop = onSymbolsChanged(() => notified++);
    expect(await seedDemoIfEmpty(db, fromPublic)).toEqual(['SPX', 'MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL']);
    stop();
    expect(notified).toBe(1);
    const symbols = await listSymbols(db);
    expect(symbols.map((s) => [s.symbol, s.name, s.barCount, s.firstDate, s.lastDate, s.quality?.frequency])).toEqual([
      ['AAPL', 'Apple, monthly 2000-2010, demo', 123, '2000-01-31', '2010-03-31', 'monthly'],
      ['AMZN', 'Amazon, monthly 2000-2010, demo', 123, '2000-01-31', '2010-03-31', 'monthly'],
      ['GOOG', 'Google, monthly 2004-2010, demo', 68, '2004-08-31', '2010-03-31', 'monthly'],
      ['IBM', 'IBM, monthly 2000-2010, demo', 123, '2000-01-31', '2010-03-31', 'monthly'],
      ['MSFT', 'Microsoft, monthly 2000-2010, demo', 123, '2000-01-31', '2010-03-31', 'monthly'],
      ['SPX', 'S&P 500 index 2000-2020, demo', 5105, '2000-01-03', '2020-04-17', 'daily'],
    ]);
    // Close-only monthly data: no zero-volume flags, no missing days.
    for (const s of symbols) expect(s.quality).toMatchObject({ missingPeriods: 0, zeroVolumeBars: 0 });
    const spx = await loadSeries(db, 'SPX');
    expect([spx.close[0], spx.close[5104], spx.adjClose?.length]).toEqual([1455.219971, 2874.560059, 5105]);
    const msft = await loadSeries(db, 'MSFT');
    expect([msft.open[0], msft.high[0], msft.low[0], msft.close[0], msft.volume[0]]).toEqual([39.81, 39.81, 39.81, 39.81, NaN]);

    // A user who deletes the demo symbols does not get them back on the next start.
    for (const s of symbols) await deleteSymbol(db, s.symbol);
    expect(await seedDemoIfEmpty(db, fromPublic)).toEqual([]);
    expect(await listSymbols(db)).toEqual([]);
  });

  it('two tabs seeding at once: exactly one seeds, the other sees it done and writes nothing', async () => {
    let notified = 0;
    const stop = onSymbolsChanged(() => notified++);
    const [a, b] = await Promise.all([seedDemoIfEmpty(db, fromPublic), seedDemoIfEmpty(db, fromPublic)]);
    stop();
    expect([a, b].map((s) => s.length).sort()).toEqual([0, 6]);
    expect(notified).toBe(1);
    expect((await listSymbols(db)).map((s) => s.barCount)).toEqual([123, 123, 68, 123, 123, 5105]);
  });

  it('a symbol stored between the first look and the write (another tab imported a file) stops the seed whole', async () => {
    const seeding = seedDemoIfEmpty(db, async (file) => {
      // While the demo files load, another tab imports its own AAPL.
      await importBatch(db, [{ symbol: 'AAPL', source: 'mine.csv', bars: [{ date: '2024-01-02', open: 1, high: 1, low: 1, close: 1, volume: 1 }] }], { merge: 'replace' });
      return fromPublic(file);
    });
    expect(await seeding).toEqual([]);
    expect((await listSymbols(db)).map((s) => [s.symbol, s.source, s.barCount])).toEqual([['AAPL', 'mine.csv', 1]]);
  });

  it('adds the missing demo symbols on request, leaving a stored symbol of the same name alone (after "Delete all data")', async () => {
    await seedDemoIfEmpty(db, fromPublic);
    await deleteSymbol(db, 'AAPL');
    await deleteSymbol(db, 'SPX');
    const mine = [{ date: '2024-01-02', open: 1, high: 1, low: 1, close: 1, volume: 1 }];
    await importBatch(db, [{ symbol: 'SPX', source: 'mine.csv', bars: mine }], { merge: 'replace' });
    // The seeding is done once; the explicit request still adds what is missing, and only that.
    expect(await seedDemoIfEmpty(db, fromPublic)).toEqual([]);
    expect(await addMissingDemo(db, fromPublic)).toEqual(['AAPL']);
    const rows = await listSymbols(db);
    expect(rows.find((r) => r.symbol === 'AAPL')).toMatchObject({ barCount: 123, firstDate: '2000-01-31', source: 'demo: vega-datasets stocks.csv' });
    expect(rows.find((r) => r.symbol === 'SPX')).toMatchObject({ barCount: 1, source: 'mine.csv' });
    expect((await loadSeries(db, 'SPX')).close).toEqual(new Float64Array([1]));
    expect(await addMissingDemo(db, fromPublic)).toEqual([]);
  });
});

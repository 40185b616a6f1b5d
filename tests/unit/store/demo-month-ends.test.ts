import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyticsApi } from '../../../workers/compute/analytics';
import { parseImportFile } from '../../../src/core/data/parse';
import { importBatch, listSymbols, loadBars } from '../../../src/store/bars';
import { getQuantDb } from '../../../src/store/db';
import { DEMO_SOURCE_PREFIX } from '../../../src/store/demo-symbols';
import { redateDemoMonths, seedDemoIfEmpty } from '../../../src/store/demo';
import { useFreshDb } from './fresh-db';

// pandas on the same files, month ends taken from the daily S&P 500 (tests/reference/demo/month_end_correlation.py).
const reference = JSON.parse(readFileSync('tests/fixtures/demo/month-end-correlation.json', 'utf8')) as {
  aaplDates: string[]; returns: number; correlation: number; firstOfMonthCorrelation: number;
};
const fromPublic = async (file: string) => new Uint8Array(readFileSync(`public/${file}`));
const MONTHLY_SOURCE = `${DEMO_SOURCE_PREFIX}vega-datasets stocks.csv`;

/** What an older version stored: the monthly rows as the file dates them, the 1st of each month. */
async function firstOfMonthItems(symbols: readonly string[]) {
  const parsed = await parseImportFile({ name: 'stocks.csv', bytes: await fromPublic('demo/stocks.csv') });
  return parsed.symbols.filter((s) => symbols.includes(s.symbol)).map((s) => ({ symbol: s.symbol, name: `${s.symbol} demo`, source: MONTHLY_SOURCE, bars: s.bars }));
}

describe('demo monthly stocks dated at month ends', () => {
  it('stores each monthly close on the last NYSE trading day of its month, and Analytics correlates them with SPX on those days', async () => {
    const db = await getQuantDb(); // the database the compute worker reads
    await seedDemoIfEmpty(db, fromPublic);
    const aapl = await loadBars(db, 'AAPL');
    // 31 Jan 2000; the -57.7% crash on Friday 29 Sep 2000; Thursday 28 Mar 2002 (Good Friday the 29th, weekend after); the last, 31 Mar 2010.
    expect([0, 8, 26, 122].map((i) => aapl[i]).map((b) => [b.date, b.close])).toEqual([
      ['2000-01-31', 25.94], ['2000-09-29', 12.88], ['2002-03-28', 11.84], ['2010-03-31', 223.02],
    ]);
    expect(aapl.map((b) => b.date)).toEqual(reference.aaplDates);

    const { correlation } = await analyticsApi.analyse({ symbols: ['SPX', 'AAPL'], runIds: [], withPortfolio: false, benchmark: '', windowMonths: 3 });
    expect(correlation.symbols).toEqual(['SPX', 'AAPL']);
    expect(correlation.matrix[0][1]).toBeCloseTo(reference.correlation, 10); // 0.5356; the 1st-of-month dating gave 0.0849
    expect(reference.firstOfMonthCorrelation).toBeLessThan(0.1);
  });
});

describe('re-dating a database seeded with first-of-month dates', () => {
  const currentDb = useFreshDb('demo-redate');

  it('moves the untouched monthly demo symbols to month ends, leaves user data alone, and does it once', async () => {
    const db = currentDb();
    await importBatch(db, await firstOfMonthItems(['MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL']), { merge: 'replace' });
    // The user merged their own IBM file into the demo copy (its source is now theirs) and has a symbol of their own.
    await importBatch(db, [{ symbol: 'IBM', source: 'ibm.csv', bars: [{ date: '2010-04-01', open: 1, high: 1, low: 1, close: 129, volume: 1 }] }], { merge: 'replace' });
    await importBatch(db, [{ symbol: 'XYZ', source: 'xyz.csv', bars: [{ date: '2024-02-01', open: 1, high: 1, low: 1, close: 5, volume: 1 }] }], { merge: 'replace' });
    const ibmBefore = await loadBars(db, 'IBM');

    expect((await redateDemoMonths(db, fromPublic)).sort()).toEqual(['AAPL', 'AMZN', 'GOOG', 'MSFT']);
    const rows = new Map((await listSymbols(db)).map((s) => [s.symbol, s]));
    expect(['AAPL', 'GOOG'].map((s) => [rows.get(s)!.firstDate, rows.get(s)!.lastDate, rows.get(s)!.barCount, rows.get(s)!.name, rows.get(s)!.source])).toEqual([
      ['2000-01-31', '2010-03-31', 123, 'AAPL demo', MONTHLY_SOURCE],
      ['2004-08-31', '2010-03-31', 68, 'GOOG demo', MONTHLY_SOURCE],
    ]);
    expect(rows.get('AAPL')!.quality?.frequency).toBe('monthly');
    const aapl = await loadBars(db, 'AAPL');
    expect(aapl.map((b) => b.date)).toEqual(reference.aaplDates);
    expect(aapl.map((b) => b.close)).toEqual((await firstOfMonthItems(['AAPL']))[0].bars.map((b) => b.close)); // same closes, new dates
    expect(await loadBars(db, 'IBM')).toEqual(ibmBefore);
    expect(rows.get('XYZ')).toMatchObject({ firstDate: '2024-02-01', barCount: 1 });

    expect(await redateDemoMonths(db, fromPublic)).toEqual([]); // nothing left to re-date
  });

  it('a demo symbol changed between the first look and the write (another tab) calls the re-dating off whole', async () => {
    const db = currentDb();
    await importBatch(db, await firstOfMonthItems(['MSFT', 'AAPL']), { merge: 'replace' });
    const redating = redateDemoMonths(db, async (file) => {
      await importBatch(db, [{ symbol: 'AAPL', source: 'mine.csv', bars: [{ date: '2010-04-01', open: 1, high: 1, low: 1, close: 235, volume: 1 }] }], { merge: 'replace' });
      return fromPublic(file);
    });
    expect(await redating).toEqual([]);
    const rows = await listSymbols(db);
    expect(rows.map((s) => [s.symbol, s.source, s.firstDate, s.lastDate])).toEqual([
      ['AAPL', 'mine.csv', '2000-01-01', '2010-04-01'],
      ['MSFT', MONTHLY_SOURCE, '2000-01-01', '2010-03-01'],
    ]);
  });
});

/**
 * Merging imported bars into stored symbols (src/core/data/merge.ts) and writing them
 * (src/store/bars.ts importBatch) on fake-indexeddb: the three choices, the frequency rule, the
 * metadata after the write, and the read-check-write inside one transaction.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { dayNumber, isoFromDayNumber } from '../../../src/core/data/dates';
import { frequencyConflict, mergeBars, MergeRefusedError } from '../../../src/core/data/merge';
import { summariseQuality } from '../../../src/core/data/quality';
import type { Bar } from '../../../src/core/data/types';
import { importBatch, listSymbols, loadBars, writeSymbolBars } from '../../../src/store/bars';
import type { QuantDb } from '../../../src/store/db';
import { useFreshDb } from '../store/fresh-db';

const bar = (date: string, close: number): Bar => ({ date, open: close, high: close + 1, low: close - 1, close, volume: 100 });
/** First trading-ish day of each month, 2009-01..2010-03 (15 monthly bars, like the demo's AAPL). */
const monthly = Array.from({ length: 15 }, (_, i) => bar(`${2009 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`, 100 + i));
/** Ten weekdays from 2010-03-01 (a Monday). */
const daily = Array.from({ length: 14 }, (_, i) => isoFromDayNumber(dayNumber('2010-03-01') + i))
  .filter((d) => ![0, 6].includes(new Date(d).getUTCDay()))
  .map((d, i) => bar(d, 200 + i));

const currentDb = useFreshDb('merge');
let db: QuantDb;
beforeEach(() => {
  db = currentDb();
});

/** Bars and metadata as stored, to compare before and after a refused import. */
const snapshot = async () => ({ bars: await loadBars(db, 'AAPL'), symbols: await listSymbols(db) });

describe('mergeBars (pure)', () => {
  it('replace-symbol keeps exactly the imported bars and counts the removed ones', () => {
    const result = mergeBars('AAPL', monthly, daily, 'replace-symbol');
    expect(result.merged).toEqual(daily);
    expect([result.added, result.replaced, result.kept, result.removed, result.toWrite.length]).toEqual([10, 0, 0, 15, 10]);
  });

  it('refuses daily bars into a monthly series under replace and keep-existing, with the explanation', () => {
    const message = 'AAPL: the stored bars are monthly (15 bars, 2009-01-01 to 2010-03-01) and the imported ones are daily; ' +
      'merging them would mix two frequencies in one series. Choose "Replace the whole symbol" to keep only the imported bars, ' +
      'or import them under another symbol. Nothing was written.';
    for (const policy of ['replace', 'keep-existing'] as const) {
      expect(() => mergeBars('AAPL', monthly, daily, policy)).toThrow(new MergeRefusedError('AAPL', message));
    }
  });

  it('one imported bar (frequency unknown) is judged by what the merged series would be', () => {
    // A next month's bar keeps the series monthly; a lone bar is fine on any empty or short history.
    expect(frequencyConflict('X', monthly, [bar('2010-04-01', 1)], [...monthly, bar('2010-04-01', 1)])).toBeNull();
    expect(frequencyConflict('X', [bar('2010-01-04', 1)], daily, [bar('2010-01-04', 1), ...daily])).toBeNull();
    // Same frequency, overlapping: fine.
    expect(mergeBars('X', daily.slice(0, 6), daily.slice(4), 'replace').merged).toEqual(daily);
  });
});

describe('importBatch: merge choices and the frequency rule', () => {
  const seedMonthly = () => importBatch(db, [{ symbol: 'AAPL', name: 'Apple (monthly)', source: 'demo', bars: monthly }], { merge: 'replace', assess: summariseQuality });

  it('daily bars into a monthly symbol are refused and nothing changes; replacing the whole symbol stores daily bars only', async () => {
    await seedMonthly();
    const before = await snapshot();
    expect(before.symbols[0].quality?.frequency).toBe('monthly');
    for (const merge of ['replace', 'keep-existing'] as const) {
      await expect(importBatch(db, [{ symbol: 'AAPL', source: 'daily.csv', bars: daily }], { merge, assess: summariseQuality })).rejects.toThrow(MergeRefusedError);
      expect(await snapshot()).toEqual(before);
    }
    const [outcome] = await importBatch(db, [{ symbol: 'AAPL', source: 'daily.csv', bars: daily }], { merge: 'replace-symbol', assess: summariseQuality, now: new Date('2026-01-01T00:00:00Z') });
    const stored = await loadBars(db, 'AAPL');
    expect(stored).toEqual(daily);
    // The counts say what happened in storage.
    expect(outcome).toEqual({ symbol: 'AAPL', added: 10, replaced: 0, kept: 0, removed: 15, written: 10, barCount: stored.length });
    // The name described the monthly series; the metadata now follows what is stored.
    const [info] = await listSymbols(db);
    expect(info).toEqual({ symbol: 'AAPL', source: 'daily.csv', firstDate: '2010-03-01', lastDate: '2010-03-12', barCount: 10, lastClose: 209,
      quality: summariseQuality(daily), importedAt: '2026-01-01T00:00:00.000Z' });
    expect(info.quality?.frequency).toBe('daily');
  });

  it('a refused symbol anywhere in a batch leaves every symbol of the batch unwritten', async () => {
    await seedMonthly();
    const before = await snapshot();
    await expect(importBatch(db, [
      { symbol: 'NEW', source: 'n.csv', bars: daily },
      { symbol: 'AAPL', source: 'daily.csv', bars: daily },
    ], { merge: 'replace' })).rejects.toThrow('AAPL: the stored bars are monthly');
    expect(await snapshot()).toEqual(before);
    expect(await loadBars(db, 'NEW')).toEqual([]);
  });

  it('the frequency check reads storage inside the writing transaction: a concurrent replace is seen', async () => {
    await seedMonthly();
    // Both start before either finishes. The first replaces AAPL by daily bars; the second (monthly
    // bars, merged) must see the daily series it would be merged into, not the monthly one it saw before.
    const first = writeSymbolBars(db, { symbol: 'AAPL', source: 'daily.csv', bars: daily }, { merge: 'replace-symbol' });
    const second = writeSymbolBars(db, { symbol: 'AAPL', source: 'more-monthly.csv', bars: [bar('2010-04-01', 1), bar('2010-05-03', 2)] }, { merge: 'replace' });
    await expect(first).resolves.toMatchObject({ written: 10, removed: 15 });
    await expect(second).rejects.toThrow('AAPL: the stored bars are daily (10 bars, 2010-03-01 to 2010-03-12) and the imported ones are monthly');
    expect(await loadBars(db, 'AAPL')).toEqual(daily);
  });

  it('replacing the whole symbol from two files of one batch keeps both files\' bars (the second merges into the first)', async () => {
    await seedMonthly();
    const outcomes = await importBatch(db, [
      { symbol: 'AAPL', source: 'week1.csv', bars: daily.slice(0, 5) },
      { symbol: 'AAPL', source: 'week2.csv', bars: daily.slice(5) },
    ], { merge: 'replace-symbol' });
    expect(await loadBars(db, 'AAPL')).toEqual(daily);
    expect(outcomes.map((o) => [o.written, o.removed, o.barCount])).toEqual([[5, 15, 5], [5, 0, 10]]);
  });

  it('merging keeps the stored name unless the import names the symbol; meta is stored with the symbol', async () => {
    await seedMonthly();
    await importBatch(db, [{ symbol: 'AAPL', source: 'm.csv', bars: [bar('2010-04-01', 1)] }], { merge: 'replace' });
    expect((await listSymbols(db))[0].name).toBe('Apple (monthly)');
    await writeSymbolBars(db, { symbol: 'AAPL', name: 'Apple', source: 'm.csv', bars: [bar('2010-05-03', 1)], meta: { source: 'ignored: computed fields win' } }, { merge: 'replace' });
    const [info] = await listSymbols(db);
    expect([info.name, info.source, info.barCount]).toEqual(['Apple', 'm.csv', 17]);
  });
});

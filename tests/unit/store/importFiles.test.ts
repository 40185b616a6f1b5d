import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../src/core/data/parse';
import { listSymbols, loadBars } from '../../../src/store/bars';
import type { QuantDb } from '../../../src/store/db';
import { useFreshDb } from './fresh-db';
import { ImportBlockedError, importParsedFiles } from '../../../src/store/importFiles';

const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`tests/fixtures/data/${name}`)) });

const currentDb = useFreshDb('import');
let db: QuantDb;
beforeEach(() => {
  db = currentDb();
});

describe('importParsedFiles', () => {
  it('writes nothing when any file of the batch has errors', async () => {
    const files = [await parseImportFile(fixture('AAPL.csv')), await parseImportFile(fixture('broken.csv'))];
    const attempt = importParsedFiles(db, files, 'replace');
    await expect(attempt).rejects.toBeInstanceOf(ImportBlockedError);
    await expect(attempt).rejects.toThrow('1 file(s) cannot be imported; nothing was written. broken.csv, row 3, column Date: unparseable date "2024-13-01" (expected YYYY-MM-DD)');
    expect(await listSymbols(db)).toEqual([]);
  });

  it('writes every symbol of every clean file with its quality summary', async () => {
    const files = [await parseImportFile(fixture('AAPL.csv')), await parseImportFile(fixture('msft.us.txt'))];
    const outcome = await importParsedFiles(db, files, 'replace');
    expect(outcome.map((o) => [o.symbol, o.added])).toEqual([['AAPL', 10], ['MSFT.US', 2]]);
    const symbols = await listSymbols(db);
    expect(symbols.map((s) => [s.symbol, s.source, s.barCount, s.lastClose, s.quality?.level])).toEqual([
      ['AAPL', 'AAPL.csv', 10, 183.63, 'good'],
      ['MSFT.US', 'msft.us.txt', 2, 370.6, 'good'],
    ]);
    expect(await loadBars(db, 'AAPL')).toEqual(files[0].symbols[0].bars);
  });
});

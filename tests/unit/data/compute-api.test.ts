import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/core/jobs/progress';
import { listSymbols, loadBars } from '../../../src/store/bars';
import { getQuantDb } from '../../../src/store/db';
import { dataApi } from '../../../workers/compute/data';

const file = (name: string, text?: string) => {
  const bytes = text === undefined ? readFileSync(`tests/fixtures/data/${name}`) : Buffer.from(text);
  return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
};

describe('compute worker data API', () => {
  it('parses a batch into previews, re-reads a file with the user choices, then commits all at once', async () => {
    const events: ProgressEvent[] = [];
    const { importId, previews } = await dataApi.parseImport('job-1', [file('AAPL.csv'), file('dups.csv', 'Date,Close\n2024-01-02,10\n2024-01-02,11\n')], (e) => events.push(e));
    expect(events.filter((e) => e.status === 'progress' && e.unit === 'files').length).toBe(2);
    expect(previews.map((p) => [p.file, p.ok, p.symbols.map((s) => [s.symbol, s.barCount])])).toEqual([
      ['AAPL.csv', true, [['AAPL', 10]]],
      ['dups.csv', false, [['DUPS', 1]]],
    ]);
    expect(previews[0].symbols[0].head).toHaveLength(8);
    expect(previews[0].symbols[0].tail.map((b) => b.date)).toEqual(['2024-01-12', '2024-01-16']);
    await expect(dataApi.commitImport(importId, 'replace')).rejects.toThrow('1 file(s) cannot be imported; nothing was written');
    expect(await listSymbols(await getQuantDb())).toEqual([]);

    const fixed = await dataApi.reparseFile('job-2', importId, 1, { keepLastDuplicates: true, symbol: 'D' });
    expect([fixed.ok, fixed.symbols[0].symbol, fixed.symbols[0].head[0].close]).toEqual([true, 'D', 11]);
    expect((await dataApi.commitImport(importId, 'replace')).map((o) => o.symbol)).toEqual(['AAPL', 'D']);
    expect(await loadBars(await getQuantDb(), 'D')).toEqual([{ date: '2024-01-02', open: 11, high: 11, low: 11, close: 11, volume: NaN }]);
    await expect(dataApi.commitImport(importId, 'replace')).rejects.toThrow('no longer pending');

    const report = await dataApi.qualityReport('AAPL');
    expect(report.summary.level).toBe('good');
    const csv = await dataApi.exportSymbols(['D'], 'csv');
    // The same columns as "Export all", adj_close included (empty for D, filled for AAPL).
    expect(csv).toBe('symbol,date,open,high,low,close,adj_close,volume\nD,2024-01-02,11,11,11,11,,\n');
    const aapl = (await dataApi.exportSymbols(['AAPL'], 'csv')).split('\n');
    expect(aapl[1]).toBe('AAPL,2024-01-02,187.15,188.44,183.89,185.64,184.73,82488700');
  });
});

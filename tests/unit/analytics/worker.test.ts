import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { analyticsApi } from '../../../workers/compute/analytics';
import { importBatch } from '../../../src/store/bars';
import { getQuantDb } from '../../../src/store/db';
import { putRecord } from '../../../src/store/records';
import type { Bar } from '../../../src/core/data/types';

const dates = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];
const closesA = [100, 110, 99, 108.9, 98.01, 107.811]; // +10%, -10%, +10%, -10%, +10%
const bars = (closes: number[]): Bar[] => closes.map((c, i) => ({ date: dates[i], open: c, high: c, low: c, close: c, volume: 1 }));

describe('compute worker analytics API (fake IndexedDB)', () => {
  it('analyses stored symbols and a saved run read from IndexedDB, in the order chosen', async () => {
    const db = await getQuantDb();
    await importBatch(db, [
      { symbol: 'A', source: 'test', bars: bars(closesA) },
      { symbol: 'B', source: 'test', bars: bars(closesA.map((c) => c * 3)) }, // same returns, three times the price
    ], { merge: 'replace' });
    // A run that holds A from its third day: equity 1000 flat, then A's moves.
    const equity = [1000, 1000, 1000, 1100, 990, 1089];
    await putRecord(db, 'backtestRuns', { id: 'run-1', name: 'hold A', report: { equityCurve: dates.map((date, i) => ({ date, equity: equity[i] })) } });

    expect(await analyticsApi.analyticsSources()).toEqual({ runs: [{ id: 'run-1', name: 'hold A' }], portfolio: undefined });

    const result = await analyticsApi.analyse({ symbols: ['B', 'A'], runIds: ['run-1'], withPortfolio: false, benchmark: 'A', windowMonths: 0.1 }); // 0.1 month of daily bars: a 2-day window
    expect(result.profiles.map((p) => p.name)).toEqual(['B', 'A', 'Run: hold A']);
    // B moves exactly like A: beta 1 and correlation 1 once a 2-return window is full.
    for (const beta of result.profiles[0].rollingBeta.subarray(1)) expect(beta).toBeCloseTo(1, 12);
    expect(result.correlation.symbols).toEqual(['B', 'A', 'Run: hold A']);
    expect(result.correlation.matrix[0][1]).toBeCloseTo(1, 12);
    // Both symbols end at 107.811 / 100 of their start: rebased to 100, 107.811.
    expect(result.comparison.start).toBe('2024-01-02');
    expect(result.comparison.curves[0].normalised.at(-1)).toBeCloseTo(107.811, 9);
    expect(result.comparison.curves[2].normalised.at(-1)).toBeCloseTo(108.9, 9);
    // A never regains its 110 peak: one drawdown down to 98.01, 98.01 / 110 - 1 = -10.9%, not recovered.
    expect(result.profiles[1].drawdowns).toEqual([{ peakDate: '2024-01-03', troughDate: '2024-01-08', recoveryDate: undefined, depth: expect.closeTo(-0.109, 12), lengthBars: 4 }]); // under water from the peak to the last bar
  });

  it('skips curves it cannot find and chosen runs that are not selected', async () => {
    const result = await analyticsApi.analyse({ symbols: ['A', 'MISSING'], runIds: [], withPortfolio: true, benchmark: '', windowMonths: 0.1 });
    expect(result.profiles.map((p) => p.name)).toEqual(['A']); // no portfolio has been created
    expect([...result.profiles[0].rollingBeta].every(Number.isNaN)).toBe(true);
  });
});

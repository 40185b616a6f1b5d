import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { jobsApi } from '../../../workers/compute/jobs';
import { mlApi, type SavedModel } from '../../../workers/compute/ml';
import { importBatch } from '../../../src/store/bars';
import { getQuantDb } from '../../../src/store/db';
import { getRecord } from '../../../src/store/records';
import { seriesToBars } from '../../../src/core/data/types';
import type { ProgressEvent } from '../../../src/core/jobs/progress';
import { predictSymbol } from '../../../src/core/ml';
import { reference, loadSp500 } from './sp500';

describe('compute worker ML API (fake IndexedDB)', () => {
  it('trains from stored bars, reports progress, saves the model in mlModels', async () => {
    const db = await getQuantDb();
    const spx = await loadSp500();
    await importBatch(db, [{ symbol: 'SPX', source: 'test', bars: seriesToBars(spx) }], { merge: 'replace' });
    const events: ProgressEvent[] = [];
    const saved = await mlApi.trainModel('job-1', ['SPX'], {}, (e) => events.push(e));
    expect(saved.model.buy.auc.test).toBeCloseTo(reference.models.none.buy.auc.test, 9);
    expect(events.map((e) => e.status)).toEqual(['start', 'progress', 'progress', 'done']);
    const stored = await getRecord<SavedModel>(db, 'mlModels', saved.id);
    expect(stored?.model.buy.coefficients).toEqual(saved.model.buy.coefficients);

    const chart = await mlApi.modelChart(saved.model, 'SPX');
    expect(chart.dates.length).toBe(spx.dates.length);
    expect(chart.overlays.map((o) => o.name)).toEqual(['ema9', 'ema30', 'bb_upper20', 'bb_lower20']);
    expect(chart.signals.length).toBe(spx.dates.length);
  });

  it('cancel(jobId) stops a running training and nothing is saved', async () => {
    const db = await getQuantDb();
    const before = (await db.getAllKeys('mlModels')).length;
    const run = mlApi.trainModel('job-2', ['SPX'], { walkForward: { retrainEveryDays: 20, window: 'expanding', windowDays: 500, minTrainDays: 500 } }, (e) => {
      if (e.status === 'progress' && e.unit === 'folds' && e.done === 3) jobsApi.cancel('job-2');
    });
    await expect(run).rejects.toMatchObject({ name: 'CancelledError' });
    expect((await db.getAllKeys('mlModels')).length).toBe(before);
    expect(jobsApi.cancel('job-2')).toBe(false); // the job was unregistered
  });

  it("predicts today's signal on the latest stored bar, even for a model trained on an earlier range", async () => {
    const spx = await loadSp500();
    const saved = await mlApi.trainModel('job-4', ['SPX'], { to: '2015-12-31' });
    expect(saved.model.trainingRange.to <= '2015-12-31').toBe(true);
    const [latest] = await mlApi.latestPredictions(saved.model, ['SPX']);
    const last = spx.dates.length - 1;
    const reference = predictSymbol(saved.model, spx); // the whole history, computed here
    expect(latest).toEqual({ symbol: 'SPX', date: '2020-04-17', close: spx.close[last], pBuy: reference.pBuy[last], pSell: reference.pSell[last] });
    expect(latest.pBuy).toBeGreaterThan(0);
    expect(latest.pBuy).toBeLessThan(1);
  });

  it('says which symbol has no bars', async () => {
    await expect(mlApi.trainModel('job-3', ['NOPE'], {})).rejects.toThrow(/symbol NOPE has no stored bars/);
  });
});

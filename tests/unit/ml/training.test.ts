import { beforeAll, describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../../src/core/data/types';
import {
  buildDataset,
  dateKey,
  explainBar,
  forwardReturn,
  logisticObjective,
  modelFromJson,
  modelToJson,
  predictSymbol,
  resolveSettings,
  trainDualModel,
  walkForwardFolds,
  type WalkForwardSettings,
} from '../../../src/core/ml';
import { CancelledError } from '../../../src/core/jobs/progress';
import { loadSp500 } from './sp500';

let spx: PriceSeries;
beforeAll(async () => {
  spx = await loadSp500();
});

/** A second symbol: the same market shifted and rescaled, so pooled training has two calendars' worth of rows. */
function shifted(series: PriceSeries, symbol: string, skip: number): PriceSeries {
  const k = 1.7;
  const cut = <T extends Float64Array>(a: T) => a.slice(skip).map((v) => v * k) as T;
  return { ...series, symbol, dates: series.dates.slice(skip), open: cut(series.open), high: cut(series.high), low: cut(series.low), close: cut(series.close), volume: series.volume.slice(skip) };
}

describe('targets', () => {
  it('forward return needs h future bars; the last h are NaN and excluded from the dataset', () => {
    expect(Array.from(forwardReturn(Float64Array.from([100, 110, 99, 121]), 2))).toEqual([99 / 100 - 1, 121 / 110 - 1, NaN, NaN]);
    const data = buildDataset([spx], resolveSettings());
    expect(data.dateKey[data.rows - 1]).toBe(dateKey(spx.dates[spx.dates.length - 11]));
    // every label date is exactly h bars later and inside the data
    expect(data.labelDateKey[data.rows - 1]).toBe(dateKey(spx.dates[spx.dates.length - 1]));
  });
  it('thresholds and horizon are settings', () => {
    const a = buildDataset([spx], resolveSettings({ horizon: 5, buyThreshold: 0.01, sellThreshold: -0.01 }));
    for (let i = 0; i < a.rows; i += 97) {
      expect(a.buy[i]).toBe(a.forwardReturn[i] > 0.01 ? 1 : 0);
      expect(a.sell[i]).toBe(a.forwardReturn[i] < -0.01 ? 1 : 0);
    }
  });
});

describe('trainDualModel', () => {
  it('is reproducible: same data and settings give the identical model JSON', async () => {
    const a = await trainDualModel([spx], { classWeight: 'balanced' });
    const b = await trainDualModel([spx], { classWeight: 'balanced' });
    expect(modelToJson(a)).toBe(modelToJson(b));
  });

  it('pools symbols by date and trains on both', async () => {
    const other = shifted(spx, 'SPX2', 300);
    const model = await trainDualModel([spx, other]);
    const single = await trainDualModel([spx]);
    expect(model.trainingRange.symbols).toEqual(['SPX', 'SPX2']);
    expect(model.buy.nTrain + model.buy.nTest).toBe(single.trainingRange.rows + single.trainingRange.rows - 300);
    expect(model.trainingRange.from).toBe(single.trainingRange.from);
  });

  it('SHAP values of every row sum to its log-odds minus the base value', async () => {
    const model = await trainDualModel([spx]);
    const predictions = predictSymbol(model, spx);
    for (const side of ['buy', 'sell'] as const) {
      for (let t = 40; t < spx.dates.length; t += 53) {
        const e = explainBar(model, predictions, t, side);
        const sum = e.contributions.reduce((s, c) => s + c.shap, 0);
        expect(sum).toBeCloseTo(e.logOdds - e.baseValue, 10);
      }
    }
  });

  it('the saved optimum is stationary: the objective rises in every coordinate direction', async () => {
    const model = await trainDualModel([spx]);
    const data = buildDataset([spx], model.settings);
    const rows = model.buy.nTrain;
    const problem = {
      x: data.x.subarray(0, rows * data.p), rows, p: data.p,
      positive: Float64Array.from(data.buy.subarray(0, rows)), negative: Float64Array.from(data.buy.subarray(0, rows), (v) => 1 - v),
    };
    const w = Float64Array.from(model.features, (f) => model.buy.coefficients[f]);
    const f0 = logisticObjective(problem, w, model.buy.intercept, 1);
    for (let j = 0; j <= data.p; j++) {
      for (const d of [1e-4, -1e-4]) {
        const w2 = w.slice();
        if (j < data.p) w2[j] += d;
        const b2 = j === data.p ? model.buy.intercept + d : model.buy.intercept;
        expect(logisticObjective(problem, w2, b2, 1)).toBeGreaterThan(f0);
      }
    }
  });

  it('composed features train alongside seed ones and are saved in canonical form', async () => {
    const model = await trainDualModel([spx], { features: ['ha_uptrend', 'close > sma(50)', 'RSI(14) < 30', 'EMA(12) crosses above EMA(26)'] });
    expect(model.features).toEqual(['ha_uptrend', 'close > SMA(50)', 'RSI(14) < 30', 'EMA(12) crosses above EMA(26)']);
    expect(Object.keys(model.buy.coefficients)).toEqual(model.features);
  });

  it('reports progress and stops with CancelledError when aborted', async () => {
    const controller = new AbortController();
    const events: string[] = [];
    const run = trainDualModel([spx], {}, { signal: controller.signal, onProgress: (e) => events.push(e.status) });
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(events[0]).toBe('start');
  });
});

describe('walk-forward', () => {
  const wf: WalkForwardSettings = { retrainEveryDays: 250, window: 'expanding', windowDays: 500, minTrainDays: 500 };

  it('never trains on a row whose label date is on or after the predicted block', () => {
    const data = buildDataset([spx, shifted(spx, 'B', 123)], resolveSettings());
    for (const window of ['expanding', 'rolling'] as const) {
      const folds = walkForwardFolds(data, { ...wf, window });
      expect(folds.length).toBeGreaterThan(10);
      for (const fold of folds) {
        const firstTestDate = Math.min(...Array.from(fold.test, (r) => data.dateKey[r]));
        const latestTrainLabel = Math.max(...Array.from(fold.train, (r) => data.labelDateKey[r]));
        const latestTrainRow = Math.max(...Array.from(fold.train, (r) => data.dateKey[r]));
        expect(latestTrainLabel).toBeLessThan(firstTestDate);
        expect(latestTrainRow).toBeLessThan(firstTestDate);
      }
      // blocks tile the dates after the warm-up without overlap
      const tested = folds.flatMap((f) => Array.from(f.test));
      expect(new Set(tested).size).toBe(tested.length);
    }
  });

  it('rolling windows keep at most windowDays dates of history', () => {
    const data = buildDataset([spx], resolveSettings());
    for (const fold of walkForwardFolds(data, { ...wf, window: 'rolling' })) {
      const dates = new Set(Array.from(fold.train, (r) => data.dateKey[r]));
      expect(dates.size).toBeLessThanOrEqual(500);
    }
  });

  it('reports out-of-sample metrics over the predicted blocks and fold summaries', async () => {
    const model = await trainDualModel([spx], { walkForward: wf });
    expect(model.evaluation).toBe('walk-forward');
    expect(model.folds!.every((f) => f.trainLabelsUntil < f.testFrom)).toBe(true);
    expect(model.buy.nTest).toBe(model.folds!.reduce((s, f) => s + f.nTest, 0));
    expect(model.buy.auc.test).toBeGreaterThan(0.4);
  });
});

describe('model JSON', () => {
  it('round-trips and rejects damaged files with a specific reason', async () => {
    const model = await trainDualModel([spx]);
    const text = modelToJson(model);
    expect(modelFromJson(text)).toEqual(model); // every field back, NaN metrics (written null) included
    const damaged = JSON.parse(text);
    delete damaged.sell.coefficients.ha_uptrend;
    expect(() => modelFromJson(JSON.stringify(damaged))).toThrow(/model\.sell\.coefficients: no finite coefficient for feature \d+ \("ha_uptrend"\)/);
    expect(() => modelFromJson(JSON.stringify({ ...JSON.parse(text), version: 99 }))).toThrow(/version 99 is not supported/);
    expect(() => modelFromJson('{')).toThrow(/invalid JSON/);
    // Fields the Models tab draws from are checked too, with their path.
    const badCurve = JSON.parse(text);
    badCurve.buy.roc.test[3].tpr = 2;
    delete badCurve.sell.confusion;
    expect(() => modelFromJson(JSON.stringify(badCurve))).toThrow(
      'model.buy.roc.test[3].tpr: expected a number <= 1, got 2\nmodel.sell.confusion: missing required field',
    );
  });
});

describe('too little data', () => {
  it('says why no model can be trained', async () => {
    const noVolume = { ...spx, volume: new Float64Array(spx.dates.length).fill(NaN) };
    await expect(trainDualModel([noVolume])).rejects.toThrow(/only 0 rows have every feature and a 10-bar label; .*e\.g\. volume/);
    await expect(trainDualModel([noVolume], { features: ['ha_uptrend', 'close > SMA(50)'] })).resolves.toMatchObject({ features: ['ha_uptrend', 'close > SMA(50)'] });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../../src/core/data/types';
import { indicatorTable, seedFeatureNames } from '../../../src/core/features';
import { buildDataset, defaultMlSettings, timeSplit, trainDualModel } from '../../../src/core/ml';
import { loadSp500, reference } from './sp500';

/**
 * The whole pipeline against tests/fixtures/ml/sp500-reference.json, produced from DESIGN.md's definitions by an
 * independent numpy/scipy script (tests/reference/ml/logistic_reference.py) on the demo S&P 500 data.
 */
describe('S&P 500 demo against the numpy/scipy reference', () => {
  let spx: PriceSeries;
  beforeAll(async () => {
    spx = await loadSp500();
  });

  it('indicator columns match at every sampled bar (relative 1e-9, NaN warm-ups identical)', () => {
    expect(spx.dates.length).toBe(reference.bars);
    const table = indicatorTable(spx);
    for (const [name, expected] of Object.entries(reference.sample.indicators)) {
      const column = table.columns[table.names.indexOf(name)];
      expect(column, name).toBeDefined();
      reference.sample.index.forEach((bar, k) => {
        const e = expected[k];
        if (e === null) expect(column[bar], `${name}[${bar}]`).toBeNaN();
        else expect(Math.abs(column[bar] - e), `${name}[${bar}]`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
      });
    }
  });

  it('the nine seed features are identical, NaN where an input is NaN', () => {
    const table = indicatorTable(spx);
    for (const name of seedFeatureNames) {
      const column = table.columns[table.names.indexOf(name)];
      const got = reference.sample.index.map((bar) => (Number.isNaN(column[bar]) ? null : column[bar]));
      expect(got, name).toEqual(reference.sample.features[name]);
    }
  });

  it('eligible rows, label rates and the time-split cut date match', () => {
    const data = buildDataset([spx], defaultMlSettings);
    expect(data.rows).toBe(reference.dataset.rows);
    const split = timeSplit(data, 0.8);
    expect(split.cutDate).toBe(reference.dataset.cutDate);
    expect(data.buy.reduce((a, b) => a + b, 0) / data.rows).toBeCloseTo(reference.dataset.buyRate, 12);
    expect(data.sell.reduce((a, b) => a + b, 0) / data.rows).toBeCloseTo(reference.dataset.sellRate, 12);
  });

  for (const classWeight of ['none', 'balanced'] as const) {
    it(`dual logistic (C=1, class weight ${classWeight}) reaches the reference optimum to 1e-6 and the same AUCs`, async () => {
      const model = await trainDualModel([spx], { classWeight });
      for (const side of ['buy', 'sell'] as const) {
        const expected = reference.models[classWeight][side];
        for (const f of seedFeatureNames) {
          expect(Math.abs(model[side].coefficients[f] - expected.coefficients[f]), `${side} ${f}`).toBeLessThan(1e-6);
        }
        expect(Math.abs(model[side].intercept - expected.intercept)).toBeLessThan(1e-6);
        expect(model[side].auc.train).toBeCloseTo(expected.auc.train, 9);
        expect(model[side].auc.test).toBeCloseTo(expected.auc.test, 9);
        expect(model[side].nTrain).toBe(expected.nTrain);
        expect(model[side].nTest).toBe(expected.nTest);
        expect(model[side].confusion.test.baseRate).toBeCloseTo(expected.baseRate.test, 12);
      }
    });
  }
});

import { describe, expect, it } from 'vitest';
import { experimentFromJson, experimentToJson, resolveSettings, trainDualModel, type Experiment } from '../../../src/core/ml';
import { loadSp500 } from './sp500';

describe('experiment JSON', () => {
  it('exports without the local id and imports back to the same experiment', async () => {
    const spx = await loadSp500();
    const settings = resolveSettings({ horizon: 5, features: ['ha_uptrend', 'close > SMA(50)'] });
    const experiment: Experiment = { id: 'local-1', name: 'HA + trend', createdAt: '2026-11-21T15:00:00.000Z', symbols: ['SPX'], settings, model: await trainDualModel([spx], settings) };
    const text = experimentToJson(experiment);
    expect(JSON.parse(text)).toMatchObject({ format: 'quant-lens/experiment', version: 1, name: 'HA + trend' });
    expect(JSON.parse(text).id).toBeUndefined();
    // JSON has no NaN: undefined metrics (e.g. precision with no positive prediction) are written null and read back as NaN.
    expect(text).toContain('"precision": null');
    expect(experimentFromJson(text, 'local-2')).toEqual({ ...experiment, id: 'local-2' });
    expect(experimentFromJson(text, 'local-2').model.buy.coefficients).toEqual(experiment.model.buy.coefficients);
  });
  it('names the problem of a bad file', () => {
    expect(() => experimentFromJson('{"format":"other"}', 'x')).toThrow(/format is "other", expected "quant-lens\/experiment"/);
    expect(() => experimentFromJson('{"format":"quant-lens/experiment","version":1,"name":"a","symbols":[]}', 'x')).toThrow(/"symbols" must be a non-empty list/);
    expect(() => experimentFromJson('{"format":"quant-lens/experiment","version":1,"name":"a","symbols":["S"],"settings":{"horizon":0}}', 'x')).toThrow(/setting\.horizon: expected a number >= 1, got 0/);
  });
});

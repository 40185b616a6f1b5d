import { beforeAll, describe, expect, it } from 'vitest';
import { experimentFromJson, experimentToJson, modelFromJson, resolveSettings, trainDualModel, type Experiment } from '../../../src/core/ml';
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
    expect(() => experimentFromJson('{"format":"quant-lens/experiment","version":1,"name":"a","symbols":[]}', 'x')).toThrow(/experiment\.symbols: expected at least 1 items, got 0/);
    expect(() => experimentFromJson('{"format":"quant-lens/experiment","version":1,"name":"a","symbols":["S"],"settings":{"horizon":0},"model":{}}', 'x')).toThrow(/setting\.horizon: expected a number >= 1, got 0/);
  });
});

describe('imported models and experiments are checked like the app writes them', () => {
  let text = '';
  const file = () => JSON.parse(text);
  const settings = resolveSettings({ horizon: 5, features: ['ha_uptrend', 'close > SMA(50)'] });
  beforeAll(async () => {
    const spx = await loadSp500();
    text = experimentToJson({ id: 'x', name: 'ok', createdAt: '2026-11-21T15:00:00.000Z', symbols: ['SPX'], settings, model: await trainDualModel([spx], settings) });
  });
  const html = '<img src=x onerror=alert(1)>';

  it('refuses a feature the app cannot parse, in the model and in the settings, naming where', () => {
    const inModel = file();
    inModel.model.features[1] = html;
    for (const side of ['buy', 'sell']) inModel.model[side].coefficients[html] = 0.5;
    inModel.model.featureMeans[html] = 0.5;
    expect(() => experimentFromJson(JSON.stringify(inModel), 'x')).toThrow(/model\.features\[1\]: "<img src=x onerror=alert\(1\)>" is not a feature \(expected a seed feature/);
    expect(() => modelFromJson(JSON.stringify(inModel.model))).toThrow(/model\.features\[1\]: "<img src=x onerror=alert\(1\)>" is not a feature/);
    const inSettings = file();
    inSettings.settings.features = ['ha_uptrend', html];
    expect(() => experimentFromJson(JSON.stringify(inSettings), 'x')).toThrow(/experiment\.settings\.features\[1\]: "<img src=x/);
    const inModelSettings = file();
    inModelSettings.model.settings.features = [html];
    expect(() => modelFromJson(JSON.stringify(inModelSettings.model))).toThrow(/model\.settings\.features\[0\]: "<img src=x/);
  });

  it('refuses a 100 MB name with a short message', () => {
    const huge = file();
    huge.name = 'n'.repeat(100 * 2 ** 20);
    let message = '';
    try {
      experimentFromJson(JSON.stringify(huge), 'x');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`not a Quant Lens dual-logistic model: experiment.name: expected at most 200 characters, got ${100 * 2 ** 20}`);
  });

  it('refuses a feature name longer than 500 characters and quotes at most an excerpt', () => {
    const long = file();
    const name = `close > SMA(${'9'.repeat(5000)})`;
    long.settings.features = [name];
    let message = '';
    try {
      experimentFromJson(JSON.stringify(long), 'x');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/setting\.features\[0\]: expected at most 500 characters, got 5013/);
    expect(message.length).toBeLessThan(300);
  });

  it('checks symbols and the settings against the written schema', () => {
    const badSymbol = file();
    badSymbol.symbols = ['AAPL<script>'];
    expect(() => experimentFromJson(JSON.stringify(badSymbol), 'x')).toThrow(/experiment\.symbols\[0\]: expected a symbol such as AAPL or \^GSPC, got "AAPL<script>"/);
    const badTrainingSymbol = file();
    badTrainingSymbol.model.trainingRange.symbols = ['x'.repeat(40)];
    expect(() => experimentFromJson(JSON.stringify(badTrainingSymbol), 'x')).toThrow(/model\.trainingRange\.symbols\[0\]: expected at most 32 characters, got 40/);
    const hugeSetting = file();
    hugeSetting.settings.horizon = 'h'.repeat(1e6);
    let message = '';
    try {
      experimentFromJson(JSON.stringify(hugeSetting), 'x');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/setting\.horizon: expected an integer, got string/);
    expect(message.length).toBeLessThan(400);
  });
});

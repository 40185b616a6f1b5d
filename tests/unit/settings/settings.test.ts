import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSettingValue, exportSettings, findSetting, importSettings, resolveSettingValues, settingDefinitions, settingsGroup } from '../../../src/core/settings';
import { defaultBacktestConfig } from '../../../src/core/backtest/config';
import { defaultMlSettings } from '../../../src/core/ml/defaults';
import { forecastStrategyDefaults } from '../../../src/core/strategy/forecast';
import { openQuantDb, type QuantDb } from '../../../src/store/db';
import { loadSettingValues, resetSettingValues, saveSettingValues, userBaselines, userSeason } from '../../../src/store/app-settings';
import { userParamValues } from '../../../src/core/strategy/define';
import { findStrategy } from '../../../src/core/strategy/registry';
import { getSetting, putSetting } from '../../../src/store/settings';

describe('settings registry', () => {
  it("takes every default from the areas' own defaults and validates them", () => {
    const values = resolveSettingValues({});
    expect(values['backtest.commission']).toBe(defaultBacktestConfig.commission);
    expect(values['ml.confidence']).toBe(defaultMlSettings.confidence);
    expect(settingsGroup(values, 'strategy.forecast.')).toEqual(forecastStrategyDefaults);
    for (const d of settingDefinitions) {
      expect(checkSettingValue(d, d.defaultValue), d.key).toBeUndefined();
      expect(d.help.length, d.key).toBeGreaterThan(10);
    }
    expect(new Set(settingDefinitions.map((d) => d.key)).size).toBe(settingDefinitions.length);
  });

  it('rejects out-of-range, mistyped and malformed values with the setting named', () => {
    const commission = findSetting('backtest.commission')!;
    expect(checkSettingValue(commission, 0.5)).toMatch(/backtest\.commission.*between 0 and 0\.1/);
    expect(checkSettingValue(commission, '0.1')).toMatch(/expected a number/);
    expect(checkSettingValue(findSetting('ml.horizon')!, 2.5)).toMatch(/whole number/);
    expect(checkSettingValue(findSetting('backtest.rebalance')!, 'hourly')).toMatch(/daily, weekly, monthly/);
    expect(checkSettingValue(findSetting('paper.watchlist')!, 'SPX, AAPL')).toBeUndefined();
    expect(checkSettingValue(findSetting('paper.watchlist')!, 'SPX;<b>')).toMatch(/symbols separated by commas/);
  });

  it('ignores invalid stored values in favour of the default', () => {
    const values = resolveSettingValues({ 'backtest.slippage': -1, 'backtest.capital': 5000 });
    expect(values['backtest.slippage']).toBe(defaultBacktestConfig.slippage);
    expect(values['backtest.capital']).toBe(5000);
  });

  it('round-trips a settings file and refuses bad files whole', () => {
    const values = { ...resolveSettingValues({}), 'ml.C': 0.5, 'backtest.allowShort': true };
    expect(importSettings(JSON.stringify(exportSettings(values)))).toEqual(values);
    const bad = exportSettings({ 'ml.C': 0.5, 'backtest.commission': 2, 'made.up': 1 });
    expect(() => importSettings(JSON.stringify(bad))).toThrow(/nothing changed.*backtest\.commission.*made\.up: unknown setting/);
    expect(() => importSettings('{"format":"other"}')).toThrow(/Not a settings file/);
    expect(() => importSettings('{"format":"quant-lens-settings","version":1,"values":{"__proto__":{"x":1}}}')).toThrow(/unknown setting/);
    expect(() => importSettings('nope')).toThrow(/not valid JSON/);
  });
});

describe('settings storage', () => {
  let db: QuantDb;
  const name = `ql-settings-${process.pid}`;
  beforeEach(async () => {
    db = await openQuantDb(name);
  });
  afterEach(async () => {
    db.close();
    await deleteDB(name);
  });

  it('saves, loads and resets values, keeping unrelated rows', async () => {
    await putSetting(db, 'paper.activePortfolio', 'pf-1');
    await saveSettingValues(db, { 'backtest.capital': 2500, 'forecast.horizon': 30 });
    let values = await loadSettingValues(db);
    expect(values['backtest.capital']).toBe(2500);
    expect(values['forecast.horizon']).toBe(30);
    await expect(saveSettingValues(db, { 'backtest.capital': 7, 'forecast.horizon': 0 })).rejects.toThrow(/forecast\.horizon/);
    expect((await loadSettingValues(db))['backtest.capital']).toBe(2500);
    await resetSettingValues(db);
    values = await loadSettingValues(db);
    expect(values['backtest.capital']).toBe(defaultBacktestConfig.capital);
    expect(await getSetting(db, 'paper.activePortfolio', '')).toBe('pf-1');
  });
});

describe('user defaults reach the forms and engines', () => {
  it("a strategy's starting values take the saved setting over the core default", () => {
    expect(userParamValues(findStrategy('sma-cross')!, { 'strategy.smaCross.fast': 5 })).toEqual({ fast: 5, slow: 30 });
    expect(userParamValues(findStrategy('logistic')!, { 'ml.confidence': 0.8 }).confidence).toBe(0.8);
    expect(userParamValues(findStrategy('rsi')!)).toEqual({ period: 14, lower: 30, upper: 70 });
    expect(userParamValues(findStrategy('rsi')!, { 'strategy.rsi.lower': 500 }).lower).toBe(30); // an invalid saved value is ignored
  });

  it('the seasonal-naive baseline and the MASE season follow forecast.season', async () => {
    const db = await openQuantDb(`ql-season-${process.pid}`);
    try {
      expect((await userBaselines(db)).map((f) => f.info.id)).toContain('baseline:seasonal-naive-5');
      await saveSettingValues(db, { 'forecast.season': 21 });
      expect(await userSeason(db)).toBe(21);
      const seasonal = (await userBaselines(db)).find((f) => f.info.id === 'baseline:seasonal-naive-21')!;
      // With a 21-bar season the forecast repeats the value 21 bars before each step.
      const history = Float64Array.from({ length: 42 }, (_, i) => i);
      const [forecast] = await seasonal.forecast([{ target: history }], { horizon: 2 });
      expect([...forecast.median]).toEqual([21, 22]);
    } finally {
      db.close();
      await deleteDB(`ql-season-${process.pid}`);
    }
  });
});

/**
 * A hostile settings file cannot crash the tab (issue 13): size and nesting are refused before
 * parsing, and every message quotes at most a short excerpt of what was rejected.
 */
import { describe, expect, it } from 'vitest';
import { checkSettingValue, findSetting, importSettings, SETTINGS_FILE_LIMITS } from '../../../src/core/settings';

const file = (valuesJson: string) => `{"format":"quant-lens-settings","version":1,"values":{${valuesJson}}}`;
const refusal = (text: string): string => {
  try {
    importSettings(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
};

describe('settings import bounds', () => {
  it('refuses a 100 MB array by its size, with a short message', () => {
    const text = file(`"backtest.capital":[${'0,'.repeat(50_000_000)}0]`);
    expect(text.length).toBeGreaterThan(100_000_000);
    const message = refusal(text);
    expect(message).toBe(`Not a settings file: ${text.length} characters, a settings file has at most ${SETTINGS_FILE_LIMITS.maxChars}`);
  });

  it.each([100_000, 10_000])('refuses %i-deep nesting before parsing (no stack overflow, no huge alert)', (depth) => {
    const message = refusal(file(`"backtest.capital":${'['.repeat(depth)}${']'.repeat(depth)}`));
    expect(message).toBe('Not a settings file: nested deeper than 4 levels (each setting is a single number, text or true/false)');
  });

  it('accepts the nesting a real settings file has, and counts brackets inside strings as text', () => {
    expect(importSettings(file('"backtest.capital":5000,"paper.watchlist":"[[[[[[{{{{"'.replace('[[[[[[{{{{', 'SPX')))).toEqual({ 'backtest.capital': 5000, 'paper.watchlist': 'SPX' });
    expect(refusal(file('"paper.watchlist":"[[[[[[[[[[\\\\\\"]]]"'))).toMatch(/^Settings file refused, nothing changed: values\.paper\.watchlist \(Watchlist\): expected symbols separated by commas, got "/);
  });

  it('quotes at most 80 characters of a rejected value', () => {
    const huge = 'x'.repeat(1_000_000);
    const text = findSetting('paper.benchmark')!;
    expect(checkSettingValue(text, huge)).toBe('paper.benchmark (Benchmark): at most 32 characters, got 1000000');
    const watchlist = findSetting('paper.watchlist')!;
    expect(checkSettingValue(watchlist, '!'.repeat(1500))).toBe(`paper.watchlist (Watchlist): expected symbols separated by commas, got "${'!'.repeat(80)}"… (1500 characters)`);
    const number = findSetting('backtest.capital')!;
    expect(checkSettingValue(number, new Array(1_000_000).fill(0))).toBe('backtest.capital (Initial capital): expected a number, got an array of 1000000 items');
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(checkSettingValue(number, deep)).toBe('backtest.capital (Initial capital): expected a number, got an array of 1 items');
    expect(checkSettingValue(findSetting('backtest.rebalance')!, { a: deep })).toBe('backtest.rebalance (Rebalance): expected one of daily, weekly, monthly, got an object');
  });

  it('lists at most 20 problems and cuts long unknown keys', () => {
    const keys = Array.from({ length: 30 }, (_, i) => `"${'k'.repeat(200)}${i}":1`).join(',');
    const message = refusal(file(keys));
    expect(message.split('; ')).toHaveLength(21);
    expect(message).toMatch(/; and 10 more$/);
    expect(message.length).toBeLessThan(20 * 140 + 100);
  });
});

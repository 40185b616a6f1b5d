/** Backtest options: defaults filled in, every value checked by the validate/ builders, dates included. */
import { describe, expect, it } from 'vitest';
import { defaultBacktestConfig, resolveConfig } from '../../../src/core/backtest/config';

describe('resolveConfig', () => {
  it('fills in defaults and keeps given values', () => {
    expect(resolveConfig({})).toEqual(defaultBacktestConfig);
    expect(resolveConfig({ capital: 5000, from: '2024-02-29', rebalance: 'weekly', to: undefined })).toEqual({ ...defaultBacktestConfig, capital: 5000, from: '2024-02-29', rebalance: 'weekly' });
  });

  it('rejects a date that does not exist (2024-02-30), as every other date input does', () => {
    expect(() => resolveConfig({ from: '2024-02-30' })).toThrow(/backtest\.from: expected a YYYY-MM-DD date, got "2024-02-30" \(no such day\)/);
    expect(() => resolveConfig({ to: '2023-02-29' })).toThrow(/backtest\.to: .*no such day/);
    expect(() => resolveConfig({ from: '2024-1-5' })).toThrow(/backtest\.from: expected a YYYY-MM-DD date/);
  });

  it('names the setting and the allowed range of every bad value', () => {
    expect(() => resolveConfig({ capital: 0 })).toThrow(/backtest\.capital: expected a number > 0, got 0/);
    expect(() => resolveConfig({ capital: Infinity })).toThrow(/backtest\.capital: expected a finite number/);
    expect(() => resolveConfig({ commission: 1 })).toThrow(/backtest\.commission: expected a number < 1, got 1/);
    expect(() => resolveConfig({ slippage: -0.1 })).toThrow(/backtest\.slippage: expected a number >= 0/);
    expect(() => resolveConfig({ borrowRate: 6 })).toThrow(/backtest\.borrowRate: expected a number <= 5, got 6/);
    expect(() => resolveConfig({ rebalance: 'hourly' as never })).toThrow(/backtest\.rebalance: expected one of "daily", "weekly", "monthly", got "hourly"/);
    expect(() => resolveConfig({ allowShort: 'yes' as never })).toThrow(/backtest\.allowShort: expected true or false/);
    expect(() => resolveConfig({ from: '2024-03-01', to: '2024-02-01' })).toThrow(/from \(2024-03-01\) is after to \(2024-02-01\)/);
  });
});

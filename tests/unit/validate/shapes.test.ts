import { describe, expect, it } from 'vitest';
import { formatIssues, parseJson, validate } from '../../../src/core/validate';
import { barsExportSchema, mlModelSchema, portfolioSchema, settingsSchema } from '../../../src/core/validate/shapes';

const side = { coefficients: { ema9_above_ema30: 0.42, macd_above_zero: -0.1 }, intercept: -1.2, auc: { train: 0.61, test: null }, nTrain: 800, nTest: 200 };

describe('import shapes', () => {
  it('ML model (train CLI output) round-trips, extra keys dropped', () => {
    const r = validate(mlModelSchema, { buy: side, sell: side, shapNote: 'x' });
    expect(r).toEqual({ ok: true, value: { buy: side, sell: side } });
  });

  it('ML model with a string coefficient is rejected with its path', () => {
    const bad = { buy: side, sell: { ...side, coefficients: { ema9_above_ema30: '0.4' } } };
    const r = validate(mlModelSchema, bad, { root: 'model' });
    expect(!r.ok && formatIssues(r.errors)).toBe('model.sell.coefficients.ema9_above_ema30: expected a finite number, got string');
  });

  it('portfolio trades: side, qty and symbol pattern', () => {
    const trade = { date: '2024-01-02', symbol: 'AAPL', side: 'buy', qty: 10, price: 185.5 };
    expect(validate(portfolioSchema, { name: 'Mine', cash: 1000, trades: [trade] }).ok).toBe(true);
    const bad = { name: 'Mine', cash: 1000, trades: [trade, { ...trade, side: 'hold', qty: 'ten', symbol: '<img src=x>' }] };
    const r = validate(portfolioSchema, bad, { root: 'portfolio' });
    expect(!r.ok && formatIssues(r.errors)).toBe([
      'portfolio.trades[1].symbol: expected a symbol such as AAPL or ^GSPC, got "<img src=x>"',
      'portfolio.trades[1].side: expected one of "buy", "sell", got "hold"',
      'portfolio.trades[1].qty: expected a finite number, got string',
    ].join('\n'));
  });

  it('settings: model URL prefix must be https or relative', () => {
    expect(validate(settingsSchema, { modelUrlPrefix: './models/' }).ok).toBe(true);
    expect(validate(settingsSchema, { modelUrlPrefix: 'https://example.org/models/' }).ok).toBe(true);
    const r = validate(settingsSchema, { modelUrlPrefix: 'javascript:alert(1)' }, { root: 'settings' });
    expect(!r.ok && formatIssues(r.errors)).toBe('settings.modelUrlPrefix: expected an https:// URL or a relative path, got "javascript:alert(1)"');
  });

  it('bar export: __proto__ in a bar is rejected and does not pollute', () => {
    const text = '{"series":[{"symbol":"SPY","bars":[{"date":"2024-01-02","open":1,"high":1,"low":1,"close":1,"volume":0,"__proto__":{"isAdmin":true}}]}]}';
    const r = parseJson(text, barsExportSchema, { root: 'bars' });
    expect(!r.ok && formatIssues(r.errors)).toBe('bars.series[0].bars[0].__proto__: forbidden key "__proto__" (could alter built-in objects)');
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });
});

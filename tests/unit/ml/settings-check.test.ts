/** ML settings are checked by the validate/ builders: ranges, choices and real dates. */
import { describe, expect, it } from 'vitest';
import { defaultMlSettings, resolveSettings } from '../../../src/core/ml/defaults';

describe('ML settings checks', () => {
  it('accepts the defaults and rejects each bad value by name', () => {
    expect(resolveSettings({})).toEqual(defaultMlSettings);
    expect(() => resolveSettings({ from: '2024-02-30' })).toThrow(/setting\.from: expected a YYYY-MM-DD date, got "2024-02-30" \(no such day\)/);
    expect(() => resolveSettings({ confidence: 1 })).toThrow(/setting\.confidence: expected a number < 1, got 1/);
    expect(() => resolveSettings({ C: 0 })).toThrow(/setting\.C: expected a number > 0, got 0/);
    expect(() => resolveSettings({ classWeight: 'auto' as never })).toThrow(/setting\.classWeight: expected one of "none", "balanced"/);
    expect(() => resolveSettings({ features: [] })).toThrow(/setting\.features: expected at least 1/);
    expect(() => resolveSettings({ walkForward: { retrainEveryDays: 0, window: 'expanding', windowDays: 10, minTrainDays: 10 } })).toThrow(/setting\.walkForward\.retrainEveryDays: expected a number >= 1/);
  });
});

/**
 * Every JSON import path refuses prototype-pollution keys, with the key's path in the message: through
 * src/core/validate before its own checks (data, ML model, experiment, portfolio) or by accepting only known
 * keys (settings).
 */
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../src/core/data/parse';
import { modelFromJson } from '../../../src/core/ml/model';
import { experimentFromJson } from '../../../src/core/ml/experiment';
import { importSettings } from '../../../src/core/settings/values';
import { importPortfolio } from '../../../src/core/paper/portfolio-file';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('JSON imports reject prototype-pollution keys', () => {
  it('settings file (its own check: only known setting keys are accepted)', () => {
    expect(() => importSettings('{"format":"quant-lens-settings","version":1,"values":{"__proto__":{"isAdmin":true}}}')).toThrow(
      'Settings file refused, nothing changed: values.__proto__: unknown setting',
    );
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });

  it('ML model file', () => {
    expect(() => modelFromJson('{"format":"x","buy":{"constructor":{"prototype":{"x":1}}}}')).toThrow(
      'model.buy.constructor: forbidden key "constructor" (could alter built-in objects)',
    );
  });

  it('experiment file', () => {
    expect(() => experimentFromJson('{"format":"x","symbols":["SPX"],"model":{"prototype":1}}', 'id1')).toThrow(
      'experiment.model.prototype: forbidden key "prototype" (could alter built-in objects)',
    );
  });

  it('portfolio file', () => {
    expect(() => importPortfolio('{"name":"P","cash":1,"trades":[],"__proto__":{}}', () => 'id')).toThrow(
      'portfolio.__proto__: forbidden key "__proto__" (could alter built-in objects)',
    );
  });

  it('price data JSON: refused as a whole, nothing parsed', async () => {
    const text = '{"symbol":"SPY","bars":[{"date":"2024-01-02","open":1,"high":1,"low":1,"close":1,"volume":0,"__proto__":{"polluted":1}}]}';
    const parsed = await parseImportFile({ name: 'spy.json', bytes: bytes(text) });
    expect(parsed.ok).toBe(false);
    expect(parsed.symbols).toEqual([]);
    expect(parsed.problems.map((p) => p.message)).toEqual(['file.bars[0].__proto__: forbidden key "__proto__" (could alter built-in objects)']);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });
});

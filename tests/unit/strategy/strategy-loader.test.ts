/**
 * The app's strategy-file loader (workers/compute/strategy-loader.ts), run in Node as the compute worker
 * runs it: TypeScript and JavaScript sources, the three kinds of default export, `import ... from
 * 'quant-lens'` answered with the public API, and every refusal naming the file. A file re-implementing
 * the SMA crossover with ctx.indicator must give the built-in sma-cross's numbers exactly (the built-in is
 * itself pinned to an independent Python reference in tests/reference/backtest).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runBacktest } from '../../../src/core/backtest/engine';
import type { PriceSeries } from '../../../src/core/data/types';
import { createStrategy } from '../../../src/core/strategy/registry';
import { fieldViews, StrategyFileError } from '../../../src/core/strategy/user-strategy';
import { loadStrategySource } from '../../../workers/compute/strategy-loader';
import { loadSp500 } from '../backtest/sp500';

/** The crossover as a user's TypeScript file, importing 'quant-lens'. */
const crossTs = readFileSync(resolve(import.meta.dirname, '../../fixtures/strategies/my-cross.ts'), 'utf8');

let spx: PriceSeries;
beforeAll(async () => {
  spx = await loadSp500();
});
afterEach(() => vi.restoreAllMocks());

const refusal = async (fileName: string, source: string): Promise<string> => {
  const error = await loadStrategySource(fileName, source).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StrategyFileError);
  return (error as Error).message;
};

describe('a TypeScript defineStrategy file', () => {
  it('loads with its parameters, which are checked, and runs like the built-in sma-cross', async () => {
    const descriptor = await loadStrategySource('my-cross.ts', crossTs);
    expect([descriptor.name, descriptor.label]).toEqual(['my-cross', 'My crossover']);
    expect(descriptor.defaults).toEqual({ fast: 10, slow: 30 });
    expect(fieldViews(descriptor).map(({ key, param }) => [key, param.kind, param.label, 'min' in param && param.min, 'max' in param && param.max])).toEqual([
      ['fast', 'number', 'Fast days', 1, 500], ['slow', 'number', 'Slow days', 2, 500]]);
    expect(() => structuredClone(fieldViews(descriptor))).not.toThrow(); // travels from the worker to the page
    expect(() => descriptor.resolve({ fast: 900 })).toThrow('my-cross.fast: expected a number <= 500, got 900');
    expect(() => descriptor.resolve({ fast: 40, slow: 20 })).toThrow('fast must be below slow');

    const mine = await runBacktest({ universe: [spx] }, descriptor.create({ fast: 20, slow: 50 }), {});
    const builtIn = await runBacktest({ universe: [spx] }, createStrategy({ name: 'sma-cross', fast: 20, slow: 50 }), {});
    expect(mine.trades.length).toBeGreaterThan(10);
    expect(mine.trades.map((t) => [t.entryDate, t.exitDate])).toEqual(builtIn.trades.map((t) => [t.entryDate, t.exitDate]));
    expect(mine.equity.at(-1)).toBeCloseTo(builtIn.equity.at(-1)!, 6);
  });

  it('shows choice and text parameters as plain fields (no functions cross to the page)', async () => {
    const descriptor = await loadStrategySource('pick.ts', `import { defineStrategy, param } from 'quant-lens';
export default defineStrategy({
  name: 'pick', label: 'Pick',
  params: {
    side: param.choice(['long', 'short'] as const, { default: 'long', label: 'Side', help: 'Which way.' }),
    list: param.text({ default: 'SPX', maxLength: 20, placeholder: 'SPX,AAPL', check: (v: string) => (v.trim() ? undefined : 'name a symbol'), label: 'Symbols', help: 'Traded.' }),
  },
  create: () => ({ name: 'pick', decide: () => [] }),
});`);
    const fields = structuredClone(fieldViews(descriptor));
    expect(fields).toEqual([
      { key: 'side', param: { kind: 'choice', choices: ['long', 'short'], default: 'long', label: 'Side', help: 'Which way.' } },
      { key: 'list', param: { kind: 'text', default: 'SPX', maxLength: 20, placeholder: 'SPX,AAPL', label: 'Symbols', help: 'Traded.' } },
    ]);
    expect(() => descriptor.resolve({ list: ' ' })).toThrow('pick.list: name a symbol');
    expect(() => descriptor.resolve({ side: 'up' })).toThrow(/pick\.side/);
  });

  it('starts each load afresh: state at the top of the file is not shared between loads', async () => {
    const source = `let calls = 0;\nexport default { name: 'count', decide: () => { calls++; return calls === 1 ? [{ symbol: 'SPX', signal: 'buy', targetWeight: 1, reason: 'first call' }] : []; } };`;
    for (let i = 0; i < 2; i++) {
      const result = await runBacktest({ universe: [spx] }, (await loadStrategySource('count.js', source)).create(), {});
      expect(result.fills.length).toBe(1);
    }
  });
});

describe('plain strategies and factories', () => {
  it('takes a Strategy object (.js, no imports), named after itself', async () => {
    const descriptor = await loadStrategySource('hold.js', `export default { name: 'just-hold', decide(ctx) { return ctx.position('SPX').quantity === 0 ? [{ symbol: 'SPX', signal: 'buy', targetWeight: 1, reason: 'hold' }] : []; } };`);
    expect([descriptor.name, Object.keys(descriptor.params)]).toEqual(['just-hold', []]);
    const result = await runBacktest({ universe: [spx] }, descriptor.create(), {});
    const hold = await runBacktest({ universe: [spx] }, createStrategy({ name: 'buy-hold' }), {});
    expect(result.equity.at(-1)).toBeCloseTo(hold.equity.at(-1)!, 6);
  });

  it('takes a factory (.ts and .js), named after the file', async () => {
    for (const [file, source] of [['never.ts', `export default (): { name: string; decide: () => never[] } => ({ name: 'never', decide: () => [] });`],
      ['later.mjs', `export default function () { return { name: 'later', decide: () => [] }; }`]]) {
      const descriptor = await loadStrategySource(file, source);
      expect(descriptor.name).toBe(file.replace(/\..*$/, ''));
      expect((await runBacktest({ universe: [spx] }, descriptor.create(), {})).trades).toEqual([]);
    }
  });

  it('refuses a factory that returns something else when the run starts', async () => {
    const descriptor = await loadStrategySource('odd.js', 'export default () => 7;');
    expect(() => descriptor.create()).toThrow("odd.js: the default export's factory did not return a strategy (an object with a decide function)");
  });
});

describe('what is refused, naming the file', () => {
  it('a syntax error, with line and column (.js and .ts)', async () => {
    expect(await refusal('bad.js', 'const a = 1;\nconst b = ;\n')).toBe('bad.js: syntax error at line 2, column 11: Unexpected token');
    expect(await refusal('bad.ts', 'export default {\n  name: "x",\n  decide(ctx: number {\n}};\n')).toMatch(/^bad\.ts: syntax error at line 3, column 22: /);
  });

  it('a default export of the wrong kind, or none', async () => {
    expect(await refusal('nothing.ts', 'export default 42;')).toBe('nothing.ts: the default export must be a strategy (an object with a decide function), a function returning one, or defineStrategy(...); it is number');
    expect(await refusal('named.js', 'export const strategy = { decide() { return []; } };')).toMatch(/^named\.js: the default export must be .*; it is missing$/);
  });

  it('any import but quant-lens, before anything is fetched', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    expect(await refusal('lodash.ts', `import { sma } from 'quant-lens';\nimport chunk from 'lodash';\nexport default { decide: () => chunk([sma]) };`))
      .toBe(`lodash.ts: imports "lodash", but a strategy file in the app may import only from 'quant-lens' (its code runs here, offline, and is never sent anywhere)`);
    expect(await refusal('remote.js', `export * from 'https://example.com/strategy.js';`)).toMatch(/^remote\.js: imports "https:\/\/example\.com\/strategy\.js", but/);
    expect(await refusal('relative.ts', `import { helper } from './helper';\nexport default helper;`)).toMatch(/^relative\.ts: imports "\.\/helper", but/);
    // A dynamic import inside decide is refused when the run reaches it, with the date.
    const sneaky = await loadStrategySource('sneaky.js', `export default { name: 'sneaky', async decide() { await import('https://example.com/x.js'); return []; } };`);
    await expect(runBacktest({ universe: [spx] }, sneaky.create(), {})).rejects.toThrow('sneaky.js: strategy "sneaky" failed on 2000-01-03: imports "https://example.com/x.js", but');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a file that throws while loading, or whose defaults its own rules refuse', async () => {
    expect(await refusal('boom.js', `throw new Error('not today');`)).toBe('boom.js: failed while loading: not today');
    expect(await refusal('defaults.ts', `import { defineStrategy, param } from 'quant-lens';
export default defineStrategy({ name: 'd', label: 'D', params: { n: param.number({ min: 1, max: 5, default: 9, label: 'N', help: 'n' }) }, create: () => ({ name: 'd', decide: () => [] }) });`))
      .toBe("defaults.ts: the strategy's own defaults are refused: d.n: expected a number <= 5, got 9");
  });

  it('a file of another type', async () => {
    expect(await refusal('strategy.py', 'def decide(): pass')).toBe('strategy.py: a strategy file is JavaScript (.js, .mjs) or TypeScript (.ts, .mts)');
  });
});

describe('a strategy that throws during the run', () => {
  it('names the file, the strategy and the date (sync and async decide, and prepare)', async () => {
    const at = (s: string) => loadStrategySource('fragile.ts', s).then((d) => runBacktest({ universe: [spx] }, d.create(), {}));
    await expect(at(`export default { name: 'fragile', decide: (ctx: { date: string }) => { if (ctx.date >= '2008-09-15') throw new TypeError('no data for ' + ctx.date); return []; } };`))
      .rejects.toThrow('fragile.ts: strategy "fragile" failed on 2008-09-15: no data for 2008-09-15');
    await expect(at(`export default { name: 'fragile', decide: async (ctx: { date: string }) => { if (ctx.date > '2010-01-01') throw new Error('late'); return []; } };`))
      .rejects.toThrow('fragile.ts: strategy "fragile" failed on 2010-01-04: late');
    await expect(at(`export default { name: 'fragile', prepare() { throw new Error('no'); }, decide: () => [] };`))
      .rejects.toThrow('fragile.ts: strategy "fragile" failed while preparing: no');
  });

  it('lets a cancelled run stop as cancelled', async () => {
    const descriptor = await loadStrategySource('slow.js', `export default { name: 'slow', decide(ctx) { ctx.signal?.throwIfAborted(); return []; } };`);
    const controller = new AbortController();
    controller.abort();
    await expect(runBacktest({ universe: [spx] }, descriptor.create(), {}, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

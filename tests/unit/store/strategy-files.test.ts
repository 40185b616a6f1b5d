/**
 * The user's strategy files as the compute worker keeps them (workers/compute/strategy-file.ts), run in
 * Node against fake-indexeddb: a file is stored only when it loads, keyed by its strategy's name, and a
 * run by that name loads it from the store; plus the v3 -> v4 upgrade that added the store.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DB_NAME, QUANT_DB_VERSION, getQuantDb, openQuantDb } from '../../../src/store/db';
import { seedDemoIfEmpty } from '../../../src/store/demo';
import { getStrategyFile, listStrategyFiles, deleteStrategyFile } from '../../../src/store/strategy-files';
import { backtestApi } from '../../../workers/compute/backtest';
import { strategyFileApi } from '../../../workers/compute/strategy-file';
import { openReleased } from './released-schema';

const crossTs = readFileSync('tests/fixtures/strategies/my-cross.ts', 'utf8');
const fromPublic = async (file: string) => new Uint8Array(readFileSync(`public/${file}`));
const refusal = (fileName: string, source: string) => strategyFileApi.addStrategyFile(fileName, source).then(() => '', (e: Error) => e.message);

afterEach(async () => {
  await deleteDB(DEFAULT_DB_NAME);
});

describe('adding a strategy file', () => {
  it('stores a file that loads, with its fields and defaults, and runs it by name like the built-in', async () => {
    const stored = await strategyFileApi.addStrategyFile('my-cross.ts', crossTs);
    expect([stored.name, stored.label, stored.fileName, stored.defaults]).toEqual(['my-cross', 'My crossover', 'my-cross.ts', { fast: 10, slow: 30 }]);
    expect(stored.fields.map((f) => f.key)).toEqual(['fast', 'slow']);
    const db = await getQuantDb();
    expect(await getStrategyFile(db, 'my-cross')).toEqual(stored);

    expect(await strategyFileApi.checkStrategyFileParams('my-cross', { fast: 20, slow: 50 })).toBeUndefined();
    expect(await strategyFileApi.checkStrategyFileParams('my-cross', { fast: 60, slow: 50 })).toBe('my-cross: fast must be below slow');
    expect(await strategyFileApi.checkStrategyFileParams('my-cross', { fast: 0, slow: 50 })).toBe('my-cross.fast: expected a number >= 1, got 0');

    await seedDemoIfEmpty(db, fromPublic);
    const run = (strategy: { name: string; [k: string]: unknown }) => backtestApi.runBacktest(`job-${strategy.name}`, { symbols: ['SPX'], strategy, config: {} });
    const mine = await run({ name: 'my-cross', fast: 20, slow: 50 });
    const builtIn = await run({ name: 'sma-cross', fast: 20, slow: 50 });
    expect(mine.report.config.strategy).toEqual({ name: 'my-cross', fast: 20, slow: 50 });
    expect(mine.report.metrics.totalReturnPct).toBeCloseTo(builtIn.report.metrics.totalReturnPct, 10);
    expect(mine.report.metrics.totalReturnPct).toBeCloseTo(25.51, 2); // tests/fixtures/backtest reference, scenario long-only-20-50
    await expect(run({ name: 'my-cross', fast: 60, slow: 50 })).rejects.toThrow('fast must be below slow');
  });

  it('stores nothing when the file fails to load, and refuses a built-in strategy’s name', async () => {
    expect(await refusal('bad.ts', 'export default {\n  decide(: number) {}\n};')).toMatch(/^bad\.ts: syntax error at line 2, column 10: /);
    expect(await refusal('nothing.js', 'export default 42;')).toMatch(/^nothing\.js: the default export must be/);
    expect(await refusal('hold.js', `export default { name: 'buy-hold', decide: () => [] };`)).toBe('hold.js: "buy-hold" is the name of a built-in strategy; give yours another name');
    expect(await listStrategyFiles(await getQuantDb())).toEqual([]);
    await expect(strategyFileApi.checkStrategyFileParams('nothing', {})).rejects.toThrow('no strategy "nothing": neither a built-in strategy nor one of your strategy files');
  });

  it('replaces the stored file of the same strategy name (a newer version), and forgets a removed one', async () => {
    await strategyFileApi.addStrategyFile('v1.js', `export default { name: 'mine', decide: () => [] };`);
    await strategyFileApi.addStrategyFile('v2.js', `export default { name: 'mine', decide: () => [] };`);
    await strategyFileApi.addStrategyFile('other.js', `export default { name: 'another', decide: () => [] };`);
    const db = await getQuantDb();
    expect((await listStrategyFiles(db)).map((f) => [f.name, f.fileName])).toEqual([['another', 'other.js'], ['mine', 'v2.js']]);
    await deleteStrategyFile(db, 'mine');
    expect((await listStrategyFiles(db)).map((f) => f.name)).toEqual(['another']);
  });
});

describe('schema v3 -> v4', () => {
  it('adds the strategyFiles store and keeps what a version-3 database held', async () => {
    const name = `ql-strategy-files-upgrade-${process.pid}`;
    const v3 = await openReleased(name, 3);
    await v3.put('backtestRuns', { id: 'run-1', name: 'SMA 10/30, SPX' });
    v3.close();
    const db = await openQuantDb(name);
    expect(db.version).toBe(QUANT_DB_VERSION);
    expect(await db.get('backtestRuns', 'run-1')).toEqual({ id: 'run-1', name: 'SMA 10/30, SPX' });
    expect(await listStrategyFiles(db)).toEqual([]);
    db.close();
    await deleteDB(name);
  });
});

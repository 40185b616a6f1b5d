/** No import cycles in src/ and workers/ (a cycle makes load order matter and hides which module owns what). */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, moduleGraph } from './module-graph';

const root = resolve(import.meta.dirname, '../../..');

describe('module graph', () => {
  it('finds cycles, including through index files, dynamic imports and .svelte files, and ignores type-only imports', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['d.ts']], ['e.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
    const real = moduleGraph(root, ['src']);
    // Known edges of each kind: a plain import, an index directory, a dynamic import, a .svelte import.
    expect(real.get('src/core/strategy/registry.ts')).toContain('src/core/strategy/sma-cross.ts');
    expect(real.get('src/core/ml/train.ts')?.some((t) => t.endsWith('/index.ts'))).toBe(true);
    expect(real.get('src/cli.ts')).toContain('src/cli/backtest.ts');
    expect(real.get('src/main.ts')).toContain('src/ui/App.svelte');
    // Type-only: the strategy interface imports PriceSeries as a type.
    expect(real.get('src/core/strategy/types.ts')).not.toContain('src/core/data/types.ts');
  });

  it('src/ and workers/ have no import cycle', () => {
    expect(importCycles(moduleGraph(root, ['src', 'workers']))).toEqual([]);
  });

  it('neither worker imports the other\'s modules (what both need lives in workers/shared/)', () => {
    // Type-only imports count too: a worker's types belong to that worker.
    const graph = moduleGraph(root, ['src', 'workers'], { typeImports: true });
    const crossing = (from: string, to: string) =>
      [...graph].flatMap(([file, targets]) => (file.startsWith(from) ? targets.filter((t) => t.startsWith(to) || t === to.replace(/\/$/, '.worker.ts')).map((t) => `${file} -> ${t}`) : []));
    expect(crossing('workers/forecast', 'workers/compute/')).toEqual([]);
    expect(crossing('workers/compute', 'workers/forecast/')).toEqual([]);
    // The check sees the shared modules: both workers' backtests use workers/shared/backtest-job.ts.
    expect(graph.get('workers/forecast/backtests.ts')).toContain('workers/shared/backtest-job.ts');
    expect(graph.get('workers/compute/backtest.ts')).toContain('workers/shared/backtest-job.ts');
  });

  it('opening the database loads no other store module (demo seeding is the app start-up\'s job)', () => {
    const graph = moduleGraph(root, ['src']);
    // events.ts (change notices) and bar-chunks.ts (the bar record codec its v4 -> v5 migration uses), which itself
    // loads no store module.
    expect([...graph.get('src/store/db.ts')!].sort()).toEqual(['src/store/bar-chunks.ts', 'src/store/events.ts']);
    expect(graph.get('src/store/bar-chunks.ts')!.filter((m) => m.startsWith('src/store/'))).toEqual([]);
    expect(graph.get('src/main.ts')).toContain('src/store/demo.ts');
  });
});

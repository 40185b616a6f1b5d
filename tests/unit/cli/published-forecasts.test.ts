// The Pages workflow's forecast shards and their merge, run as the runner runs them: the `run:` scripts are taken
// from .github/workflows/pages.yml and executed by bash in a checkout-like directory holding a feed (public/data/)
// with the tiny Chronos-Bolt checkpoint as QL_FORECAST_MODEL. The merged data/forecasts.json must be the unsharded
// run's file byte for byte, and must be what the app's parser accepts.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { run as forecast } from '../../../src/cli/forecast';
import { modelRevision, parsePublishedForecasts } from '../../../src/core/forecast/published';
import { formatIssues } from '../../../src/core/validate';
import { randomWalk } from '../backtest/helpers';
import { findStep, workflow } from '../providers/pages-workflow';
import { writeFeedDir } from './feed-dir';

const repo = resolve(import.meta.dirname, '../../..');
const bolt = resolve(repo, 'tests/fixtures/chronos-bolt');
// Five symbols over four shards: shard 1 holds two (positions 1 and 5), the others one each.
const universe = [randomWalk('SPY', 300, 3), randomWalk('AAPL', 300, 5), randomWalk('MSFT', 250, 7, '2000-03-01'), randomWalk('BRK.B', 300, 9), randomWalk('^GSPC', 300, 11)];

/** A checkout: the repository's files (linked) with its own public/data/ and the runner's working files. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ql-pages-run-'));
  for (const entry of readdirSync(repo)) if (!['public', '.git', 'test-results', 'dist'].includes(entry)) symlinkSync(join(repo, entry), join(dir, entry));
  writeFeedDir(join(dir, 'public/data'), universe);
  return dir;
}

function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile('bash', ['-e', '-c', script], { cwd, env: { ...process.env, ...env } }, (error, _stdout, stderr) => done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr }));
  });
}

const shards = workflow.jobs.forecast.strategy!.matrix.shard as number[];
const forecastScript = findStep('forecast', (s) => s.run?.includes('cli -- forecast') === true).run!;
const mergeScript = findStep('build', (s) => s.id === 'forecasts').run!;

let dir: string;
let cache: string;
const runShard = (shard: number) => bash(forecastScript, dir, { QL_FORECAST_MODEL: bolt, QL_FORECAST_HORIZON: '20', SHARD: String(shard), SHARDS: String(shards.length), XDG_CACHE_HOME: cache });

beforeAll(() => {
  dir = checkout();
  cache = join(dir, 'runner-cache');
});

describe('the Pages workflow forecast commands', () => {
  it('4 shard jobs and the merge step write the unsharded forecasts.json; a re-run with the cached store computes nothing', async () => {
    expect(shards).toEqual([1, 2, 3, 4]);
    const said: string[] = [];
    for (const shard of shards) {
      const { code, stderr } = await runShard(shard);
      expect(code, stderr).toBe(0);
      said.push(stderr);
    }
    expect(said[0]).toContain('forecast shard 1/4: 2 symbol(s), horizon 20; SPY');
    expect(said[3]).toContain('forecast shard 4/4: 1 symbol(s), horizon 20; BRK.B');
    // download-artifact with merge-multiple: every shard's file in forecast-shards/.
    mkdirSync(join(dir, 'forecast-shards'));
    for (const shard of shards) copyFileSync(join(dir, `forecast-shard-${shard}.json`), join(dir, 'forecast-shards', `forecast-shard-${shard}.json`));
    const merged = await bash(mergeScript, dir, {});
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toContain('merge: 4 forecast shards, 5 symbol(s) -> public/data/forecasts.json');

    // The same forecasts made in one run, in this process.
    const whole = join(dir, 'whole.json');
    const csv = universe.flatMap((s) => ['--csv', join(dir, 'public/data', `${s.symbol}.json`)]);
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await forecast([...csv, '--model', bolt, '--horizon', '20', '--no-cache', '--out', whole]);
    } finally {
      spy.mockRestore();
    }
    const published = readFileSync(join(dir, 'public/data/forecasts.json'), 'utf8');
    expect(published).toBe(readFileSync(whole, 'utf8'));

    // The cache directory the workflow keeps (actions/cache) answers a re-run of a shard on the same bars.
    const again = await runShard(2);
    expect(again.stderr).toMatch(/0 computed, 1 reused/);
  }, 240_000); // six CLI processes (each starts tsx and onnxruntime): ~10 s alone, ~40 s in the full parallel suite

  it('a missing shard makes the merge step fail (the workflow then deploys the prices without forecasts)', async () => {
    const partial = join(dir, 'partial');
    mkdirSync(join(partial, 'forecast-shards'), { recursive: true });
    for (const entry of ['package.json', 'node_modules', 'src', 'models', 'tsconfig.json', 'workers']) symlinkSync(join(repo, entry), join(partial, entry));
    mkdirSync(join(partial, 'public/data'), { recursive: true });
    for (const shard of [1, 2, 4]) copyFileSync(join(dir, `forecast-shard-${shard}.json`), join(partial, 'forecast-shards', `forecast-shard-${shard}.json`));
    const merged = await bash(mergeScript, partial, {});
    expect(merged.code).not.toBe(0);
    expect(merged.stderr).toContain('shard 3/4 missing');
    expect(readdirSync(join(partial, 'public/data'))).toEqual([]);
  });
});

describe('parsePublishedForecasts on the CLI output', () => {
  const published = () => readFileSync(join(dir, 'public/data/forecasts.json'), 'utf8');

  it('reads every symbol with its as-of date, last close, model identity and the forecast rebuilt from the quantiles', () => {
    const parsed = parsePublishedForecasts(published());
    if (!parsed.ok) throw new Error(formatIssues(parsed.errors));
    const raw = JSON.parse(published());
    expect(parsed.value.model).toMatchObject({ kind: 'chronos-bolt', levels: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] });
    expect(parsed.value.model.identity).toMatch(/@sha256:[0-9a-f]{64}$/); // a checkpoint directory is named by its weights
    expect(modelRevision(parsed.value.model.identity)).toBe(raw.model.identity.split('@')[1]);
    expect(parsed.value.forecasts.map((f) => [f.symbol, f.lastDate])).toEqual(universe.map((s) => [s.symbol, s.dates.at(-1)]));
    for (const [i, f] of parsed.value.forecasts.entries()) {
      expect(f.lastClose).toBe(universe[i].close.at(-1));
      expect(f.forecast.horizon).toBe(20);
      // The median row is the 0.5 level's quantile row (Bolt predicts it directly).
      expect(Array.from(f.forecast.median)).toEqual(raw.forecasts[i].quantiles[4]);
      expect(f.forecast.expectedReturn).toBeCloseTo(raw.forecasts[i].median[19] / f.lastClose - 1, 12);
      expect(f.forecast.confidence).toBe(raw.forecasts[i].confidence);
    }
  });

  it('refuses a shard, a cut-short forecast, a median that is not the quantiles\' and a symbol listed twice, saying where', () => {
    const raw = () => JSON.parse(published());
    const errors = (value: unknown) => {
      const parsed = parsePublishedForecasts(value);
      return parsed.ok ? [] : parsed.errors.map((e) => `${e.path}: ${e.message}`);
    };
    const shard = JSON.parse(readFileSync(join(dir, 'forecast-shard-1.json'), 'utf8'));
    expect(errors(shard)).toEqual(['forecasts.json.shard: this is one shard of a forecast run: publish the output of `merge`, not a shard']);
    const cut = raw();
    cut.forecasts[1].quantiles[3].pop();
    expect(errors(cut)).toEqual(['forecasts.json.forecasts[1].quantiles[3]: expected 20 values (the horizon), got 19']);
    const edited = raw();
    edited.forecasts[2].median[7] *= 1.01;
    expect(errors(edited)).toEqual(['forecasts.json.forecasts[2].median: does not match the quantiles at step 8']);
    const twice = raw();
    twice.forecasts[4].symbol = 'SPY';
    expect(errors(twice)).toEqual(['forecasts.json.forecasts[4].symbol: SPY is listed twice']);
    const wrongLevels = raw();
    wrongLevels.forecasts[0].levels = [0.5];
    expect(errors(wrongLevels)[0]).toBe('forecasts.json.forecasts[0].levels: expected the model\'s levels [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], got [0.5]');
    expect(errors('{"model":')[0]).toMatch(/^forecasts\.json: not valid JSON/);
    expect(errors({ ...raw(), horizon: 0 })).toEqual(['forecasts.json.horizon: expected a number >= 1, got 0']);
    const polluted = published().replace('"horizon"', '"__proto__": {"x": 1}, "horizon"');
    expect(errors(polluted)[0]).toContain('forbidden key "__proto__"');
  });

  it("the intervals rebuilt from the quantiles are the CLI forecaster's", () => {
    const raw = JSON.parse(published());
    const parsed = parsePublishedForecasts(raw);
    if (!parsed.ok) throw new Error(formatIssues(parsed.errors));
    for (const [i, { forecast: f }] of parsed.value.forecasts.entries()) {
      const entry = raw.forecasts[i];
      expect([f.interval80, f.interval95].map((band) => [Array.from(band!.lower), Array.from(band!.upper)]))
        .toEqual([entry.interval80, entry.interval95].map((band) => [band.lower, band.upper]));
    }
  });
});

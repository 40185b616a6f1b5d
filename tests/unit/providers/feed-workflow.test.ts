// The GitHub Pages workflow that publishes the price feed and today's forecasts with the site: parsed as YAML and
// checked for what docs/hosting.md promises (schedule, on-demand runs, the CLI steps, retries, the key only from
// secrets, the forecast shards and their merge). tests/unit/cli/published-forecasts.test.ts runs its commands.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { defaultCacheDirectory } from '../../../src/cli/forecast-cache';
import { defaultModelCacheDirectory } from '../../../src/cli/model-cache';
import { FEED_FILE_NAME, getProvider } from '../../../src/core/providers';
import { readWatchlist } from '../../../src/cli/feed';
import { catalog } from '../../../models/catalog';
import { findStep, workflow, workflowText as text, type Step } from './pages-workflow';

const steps: Step[] = workflow.jobs.feed.steps;
const index = (match: (s: Step) => boolean) => steps.findIndex(match);

describe('pages workflow (app + price feed)', () => {
  it('runs on pushes to main, weekdays after the US close, and on demand', () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on.schedule).toEqual([{ cron: '30 21 * * 1-5' }]);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
  });

  it('restores the published feed, fetches the watch list with the CLI and retries, then builds and deploys', () => {
    const restore = index((s) => /Restore the published feed/.test(s.name ?? ''));
    const feed = index((s) => s.id === 'feed');
    const upload = index((s) => s.uses === 'actions/upload-artifact@v4');
    expect(restore).toBeGreaterThan(index((s) => s.id === 'pages'));
    expect(steps[restore].run).toContain(`/${FEED_FILE_NAME.source}/.test(e.file)`); // only file names parseManifest accepts
    expect(feed).toBeGreaterThan(restore);
    expect(upload).toBeGreaterThan(feed);
    expect(steps[upload].with).toMatchObject({ name: 'feed-data', path: 'public/data' });
    expect(workflow.jobs.feed.outputs).toEqual({ feed: '${{ steps.feed.outcome }}' });
    const step = steps[feed];
    expect(step.run).toContain('npm run -s cli -- fetch --provider "$QL_FEED_PROVIDER" --watchlist "$list" --out-dir public/data');
    expect(step.run).toMatch(/for attempt in 1 2 3/);
    expect(step.run).toMatch(/sleep 600/);
    expect(step['continue-on-error']).toBe(true);
    expect(step.env?.QL_FEED_PROVIDER).toBe("${{ vars.QL_FEED_PROVIDER || 'yahoo' }}");
    expect(getProvider('yahoo')?.key).toBe('none'); // the default works without a secret
    const build = workflow.jobs.build.steps;
    expect(build.findIndex((s) => s.run === 'npm run build')).toBe(build.length - 2);
    expect(build.at(-1)).toEqual({ uses: 'actions/upload-pages-artifact@v3', with: { path: 'dist' } });
    expect(workflow.jobs.deploy.needs).toBe('build');
    expect(workflow.jobs.deploy.steps[0].uses).toBe('actions/deploy-pages@v4');
    expect(workflow.jobs['feed-status'].needs).toEqual(['feed', 'deploy']);
    expect(workflow.jobs['feed-status'].if).toBe("${{ !cancelled() && needs.feed.outputs.feed == 'failure' }}");
  });

  it('takes the key only from secrets, only in the fetch step, never in a command line', () => {
    const secretUses = [...text.matchAll(/\$\{\{[^}]*\bsecrets\.[^}]*\}\}/g)].map((m) => m[0]);
    expect(secretUses).toEqual(['${{ secrets.QL_FEED_API_KEY }}']);
    const withSecret = Object.values(workflow.jobs).flatMap((job) => job.steps).filter((s) => JSON.stringify(s).includes('secrets.'));
    expect(withSecret).toHaveLength(1);
    expect(withSecret[0].id).toBe('feed');
    expect(withSecret[0].env?.QL_API_KEY).toBe('${{ secrets.QL_FEED_API_KEY }}');
    expect(withSecret[0].run).not.toMatch(/api-key|QL_API_KEY/);
    // No key-like literal committed (long hex/base64 runs).
    expect(text).not.toMatch(/[A-Za-z0-9]{32,}/);
  });

  it('publishes a watch list with tickers', () => {
    expect(readWatchlist(readFileSync(new URL('../../../data/watchlist.txt', import.meta.url), 'utf8'))).toEqual(['SPY', 'AAPL', 'MSFT']);
  });
});

/** A CLI default directory as on a GitHub runner, where XDG_CACHE_HOME is not set. */
function onRunner(directory: () => string): string {
  vi.stubEnv('XDG_CACHE_HOME', undefined);
  try {
    return directory();
  } finally {
    vi.unstubAllEnvs();
  }
}

describe('pages workflow: published forecasts', () => {
  const { forecast, build, deploy } = workflow.jobs;
  const forecastStep = findStep('forecast', (s) => s.run?.includes('cli -- forecast') === true);
  const mergeStep = findStep('build', (s) => s.id === 'forecasts');

  it('forecasts the feed in a matrix of 4 shards, after the feed, with the model and horizon from repository variables', () => {
    expect(forecast.needs).toBe('feed');
    expect(forecast.strategy).toEqual({ 'fail-fast': false, matrix: { shard: [1, 2, 3, 4] } });
    expect(forecast.if).toBe("vars.QL_FORECAST_MODEL != 'off'"); // switched off by a variable
    const download = findStep('forecast', (s) => s.uses === 'actions/download-artifact@v4');
    expect(download.with).toEqual({ name: 'feed-data', path: 'public/data' });
    expect(forecastStep.env).toEqual({
      QL_FORECAST_MODEL: "${{ vars.QL_FORECAST_MODEL || 'amazon/chronos-bolt-small' }}",
      QL_FORECAST_HORIZON: "${{ vars.QL_FORECAST_HORIZON || '20' }}",
      SHARD: '${{ matrix.shard }}',
      SHARDS: '${{ strategy.job-total }}',
    });
    expect(forecastStep.run).toContain('npm run -s cli -- forecast --model "$QL_FORECAST_MODEL" $csv --horizon "$QL_FORECAST_HORIZON" --shard "$SHARD/$SHARDS" --out "forecast-shard-$SHARD.json"');
    expect(catalog.some((m) => m.id === 'amazon/chronos-bolt-small')).toBe(true); // the default is a catalog model (pinned revision)
    // Variables reach the command through the environment only, never spliced into the script.
    expect(forecastStep.run).not.toContain('${{');
    const upload = findStep('forecast', (s) => s.uses === 'actions/upload-artifact@v4');
    expect(upload.with).toEqual({ name: 'forecast-shard-${{ matrix.shard }}', path: 'forecast-shard-${{ matrix.shard }}.json' });
    const steps = forecast.steps;
    expect(steps.indexOf(download)).toBeLessThan(steps.indexOf(forecastStep));
    expect(steps.indexOf(forecastStep)).toBeLessThan(steps.indexOf(upload));
  });

  it("caches each shard's forecast store at the CLI's default directory", () => {
    const cache = findStep('forecast', (s) => s.uses === 'actions/cache@v4' && s.with?.path === '~/.cache/quant-lens/forecasts');
    expect(cache.with).toEqual({ path: '~/.cache/quant-lens/forecasts', key: 'forecasts-${{ matrix.shard }}-${{ github.run_id }}', 'restore-keys': 'forecasts-${{ matrix.shard }}-' });
    expect(onRunner(defaultCacheDirectory)).toBe(`${homedir()}/.cache/quant-lens/forecasts`);
    expect(forecastStep.run).not.toMatch(/--cache|--no-cache/); // the default directory, which is the cached one
  });

  it('caches the model at the CLI\'s default model cache, keyed by the model id and the catalog, before the forecast', () => {
    const cache = findStep('forecast', (s) => s.uses === 'actions/cache@v4' && s.with?.path === '~/.cache/quant-lens/models');
    const model = "${{ vars.QL_FORECAST_MODEL || 'amazon/chronos-bolt-small' }}";
    expect(model).toBe(forecastStep.env?.QL_FORECAST_MODEL); // the model the step downloads
    // The catalog pins each model's revision: a new catalog is a new key (its files are refused and downloaded again).
    expect(cache.with).toEqual({ path: '~/.cache/quant-lens/models', key: `models-${model}-\${{ hashFiles('models/catalog.json') }}`, 'restore-keys': `models-${model}-` });
    expect(forecast.steps.indexOf(cache)).toBeLessThan(forecast.steps.indexOf(forecastStep));
    expect(onRunner(defaultModelCacheDirectory)).toBe(`${homedir()}/.cache/quant-lens/models`);
    expect(forecastStep.run).not.toMatch(/model-cache/); // the default directory, which is the cached one
  });

  it('merges the shard artifacts into public/data/forecasts.json before the build; a failure keeps the prices deployed and is reported', () => {
    expect(build.needs).toEqual(['feed', 'forecast']);
    expect(build.if).toBe("${{ !cancelled() && needs.feed.result == 'success' }}");
    const download = findStep('build', (s) => s.uses === 'actions/download-artifact@v4' && s.with?.pattern !== undefined);
    expect(download).toMatchObject({ if: "needs.forecast.result == 'success'", with: { pattern: 'forecast-shard-*', path: 'forecast-shards', 'merge-multiple': true } });
    expect(findStep('build', (s) => s.uses === 'actions/download-artifact@v4' && s.with?.name === 'feed-data').with?.path).toBe('public/data');
    expect(mergeStep.run?.trim()).toBe('npm run -s cli -- merge $(for f in forecast-shards/forecast-shard-*.json; do echo "--in $f"; done) --out public/data/forecasts.json');
    expect(mergeStep['continue-on-error']).toBe(true);
    expect(mergeStep.if).toBe("needs.forecast.result == 'success'");
    const steps = build.steps;
    expect(steps.indexOf(download)).toBeLessThan(steps.indexOf(mergeStep));
    expect(steps.indexOf(mergeStep)).toBeLessThan(steps.findIndex((s) => s.run === 'npm run build'));
    expect(build.outputs).toEqual({ forecasts: '${{ steps.forecasts.outcome }}' });
    // The deployment does not depend on the forecasts (the implied success() would skip it after a failed shard).
    expect(deploy.if).toBe("${{ !cancelled() && needs.build.result == 'success' }}");
    const status = workflow.jobs['forecast-status'];
    expect(status.needs).toEqual(['forecast', 'build', 'deploy']);
    expect(status.if).toBe("${{ !cancelled() && (needs.forecast.result == 'failure' || needs.build.outputs.forecasts == 'failure') }}");
    expect(status.steps[0].run).toMatch(/::error::.*\n\s*exit 1/);
  });
});

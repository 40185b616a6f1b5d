// The GitHub Pages workflow that publishes the price feed with the site: parsed as YAML and checked for what
// docs/hosting.md promises (schedule, on-demand runs, the CLI step, retries, the key only from secrets).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FEED_FILE_NAME, getProvider } from '../../../src/core/providers';
import { readWatchlist } from '../../../src/cli/feed';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
}

const text = readFileSync(new URL('../../../.github/workflows/pages.yml', import.meta.url), 'utf8');
const workflow = parse(text);
const steps: Step[] = workflow.jobs.build.steps;
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
    const build = index((s) => s.run === 'npm run build');
    expect(restore).toBeGreaterThan(index((s) => s.id === 'pages'));
    expect(steps[restore].run).toContain(`/${FEED_FILE_NAME.source}/.test(e.file)`); // only file names parseManifest accepts
    expect(feed).toBeGreaterThan(restore);
    expect(build).toBeGreaterThan(feed);
    const step = steps[feed];
    expect(step.run).toContain('npm run -s cli -- fetch --provider "$QL_FEED_PROVIDER" --watchlist "$list" --out-dir public/data');
    expect(step.run).toMatch(/for attempt in 1 2 3/);
    expect(step.run).toMatch(/sleep 600/);
    expect(step['continue-on-error']).toBe(true);
    expect(step.env?.QL_FEED_PROVIDER).toBe("${{ vars.QL_FEED_PROVIDER || 'yahoo' }}");
    expect(getProvider('yahoo')?.key).toBe('none'); // the default works without a secret
    expect(steps.at(-1)).toEqual({ uses: 'actions/upload-pages-artifact@v3', with: { path: 'dist' } });
    expect(workflow.jobs.deploy.steps[0].uses).toBe('actions/deploy-pages@v4');
    expect(workflow.jobs['feed-status'].if).toBe("needs.build.outputs.feed == 'failure'");
  });

  it('takes the key only from secrets, only in the fetch step, never in a command line', () => {
    const secretUses = [...text.matchAll(/\$\{\{[^}]*\bsecrets\.[^}]*\}\}/g)].map((m) => m[0]);
    expect(secretUses).toEqual(['${{ secrets.QL_FEED_API_KEY }}']);
    const withSecret = steps.filter((s) => JSON.stringify(s).includes('secrets.'));
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

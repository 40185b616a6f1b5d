// The GitHub Pages feed step: `fetch --watchlist F --out-dir D` against a local Yahoo-speaking server. A failed
// symbol keeps its previous file and manifest entry; the run fails only when every symbol failed; symbols taken
// off the list are removed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseManifest, type FeedManifest } from '../../../src/core/providers';
import { parseImportFile } from '../../../src/core/data/parse';
import * as servers from './fetch-servers';
import { startServer, type Handler, type ProviderServer } from './fetch-servers';

let server: ProviderServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function feed(handler: Handler, watchlist: string, outDir: string): Promise<{ code: number; stderr: string }> {
  return startServer(handler).then(
    (started) =>
      new Promise((resolve) => {
        server = started;
        execFile('npx', ['tsx', 'src/cli.ts', 'fetch', '--provider', 'yahoo', '--watchlist', watchlist, '--out-dir', outDir, '--base-url', started.baseUrl], (error, _stdout, stderr) => {
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr });
        });
      }),
  );
}

function manifest(dir: string): FeedManifest {
  const parsed = parseManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

describe('cli fetch --watchlist (the Pages feed)', () => {
  it('publishes each symbol and a manifest, keeps the last good data when a symbol fails, fails only when all do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ql-feed-'));
    const watchlist = join(dir, 'watchlist.txt');
    writeFileSync(watchlist, '# tickers for the site\nAAPL AIR.NZ   # New Zealand\nNOSUCH\n');
    const out = join(dir, 'data');

    const first = await feed(servers.yahoo, watchlist, out);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Yahoo Finance, NOSUCH: no such symbol/);
    expect(first.stderr).toContain(`fetch: feed 2 of 3 symbols updated, 0 kept from before (failed: NOSUCH) -> ${join(out, 'manifest.json')}`);
    const before = manifest(out);
    expect(before.entries.map(({ fetchedAt, ...rest }) => rest)).toEqual([
      { symbol: 'AAPL', name: 'Apple Inc.', file: 'AAPL.json', source: 'yahoo', adjustment: 'splits', firstDate: '2024-01-02', lastDate: '2024-01-04', bars: 3 },
      { symbol: 'AIR.NZ', file: 'AIR.NZ.json', source: 'yahoo', adjustment: 'splits', firstDate: '2024-01-03', lastDate: '2024-01-04', bars: 2 },
    ]);
    const aaplFile = readFileSync(join(out, 'AAPL.json'));
    const imported = await parseImportFile({ name: 'AAPL.json', bytes: aaplFile });
    expect(imported.ok && imported.symbols[0].bars.map((b) => b.date)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);

    // The provider now refuses AAPL: its previous file and entry stay, AIR.NZ is refreshed.
    const refuseAapl: Handler = (asked, count) => (asked.path.endsWith('/AAPL') ? { status: 500, body: 'upstream timeout' } : servers.yahoo(asked, count));
    const second = await feed(refuseAapl, watchlist, out);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Yahoo Finance, AAPL: HTTP 500: upstream timeout\..*Keeping the previous data \(to 2024-01-04\)\./);
    const after = manifest(out);
    expect(after.entries[0]).toEqual(before.entries[0]);
    expect(after.entries[1].fetchedAt > before.entries[1].fetchedAt).toBe(true);
    expect(readFileSync(join(out, 'AAPL.json'))).toEqual(aaplFile);

    // Everything refused (e.g. 429 to a data-centre address): exit non-zero, the site's data untouched.
    const third = await feed(() => ({ status: 503, body: 'unavailable' }), watchlist, out);
    expect(third.code).toBe(2);
    expect(third.stderr).toMatch(/error: feed: every symbol failed; 0 of 3 symbols updated, 2 kept from before/);
    expect(manifest(out).entries).toEqual(after.entries);

    // AIR.NZ taken off the watch list: out of the manifest, its file deleted.
    writeFileSync(watchlist, 'AAPL\n');
    const fourth = await feed(servers.yahoo, watchlist, out);
    expect(fourth.code).toBe(0);
    expect(manifest(out).entries.map((e) => e.symbol)).toEqual(['AAPL']);
    expect(existsSync(join(out, 'AIR.NZ.json'))).toBe(false);
  });

  it('refuses an empty watch list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ql-feed-'));
    writeFileSync(join(dir, 'empty.txt'), '# nothing yet\n');
    const run = await feed(servers.yahoo, join(dir, 'empty.txt'), join(dir, 'data'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/names no tickers/);
  });
});

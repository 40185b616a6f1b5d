// CLI `fetch` against local servers that speak each provider's protocol (fetch-servers.ts): the requests the
// provider documents, its status codes and error bodies, a 429 with Retry-After then success, Polygon's
// next_url paging, Twelve Data's 200-with-error bodies, and the key never appearing in output or messages.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../src/core/data/parse';
import * as servers from './fetch-servers';
import { KEY, startServer, type Handler, type ProviderServer } from './fetch-servers';

const dir = mkdtempSync(join(tmpdir(), 'ql-cli-fetch-'));
let open: ProviderServer[] = [];
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

async function serve(handler: Handler): Promise<ProviderServer> {
  const server = await startServer(handler);
  open.push(server);
  return server;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI in a child process (asynchronous, so this process's servers keep answering). */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^QL_.*KEY$/.test(name)));
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src/cli.ts', 'fetch', ...args], { env: { ...clean, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Neither the key nor its URL-encoded form anywhere the user or a log could see it. */
function expectNoKey(run: Run, ...files: string[]) {
  for (const text of [run.stdout, run.stderr, ...files.filter(existsSync).map((f) => readFileSync(f, 'utf8'))]) expect(text).not.toContain(KEY);
}

const out = (name: string) => join(dir, name);
const barsOf = (file: string) => JSON.parse(readFileSync(file, 'utf8')).series.map((s: { symbol: string; bars: { date: string; close: number }[] }) => [s.symbol, s.bars.map((b) => `${b.date} ${b.close}`)]);

describe('cli fetch', () => {
  it('prints its usage for --help', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: fetch --provider NAME --symbol S/);
    expect(run.stdout).toContain('QL_TIINGO_KEY');
  });

  it('yahoo: two symbols, dates in each exchange zone, the same JSON the importer reads', async () => {
    const server = await serve(servers.yahoo);
    const file = out('yahoo.json');
    const run = await cli(['--provider', 'yahoo', '--symbol', 'AAPL', '--symbol', 'AIR.NZ', '--from', '2024-01-02', '--to', '2024-01-31', '--base-url', server.baseUrl, '--out', file]);
    expect(run.stderr).toBe(`fetch: yahoo -> ${file}: AAPL 3 bars 2024-01-02..2024-01-04 quality good; AIR.NZ 2 bars 2024-01-03..2024-01-04 quality good; prices adjusted: splits\n`);
    expect(run.code).toBe(0);
    expect(server.asked.map((a) => a.path)).toEqual(['/v8/finance/chart/AAPL', '/v8/finance/chart/AIR.NZ']);
    expect(server.asked[0].query).toEqual({ period1: '1704067200', period2: '1706832000', interval: '1d', events: 'div,split' });
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.format).toBe('quant-lens/bars');
    expect(doc.series[0].source).toMatchObject({ provider: 'yahoo', adjustment: 'splits', timezone: 'America/New_York' });
    expect(doc.series[0].quality.summary).toEqual({ level: 'good', frequency: 'daily', missingPeriods: 0, longGaps: 0, zeroVolumeBars: 0, suspiciousJumps: 0, duplicateDates: 0 });
    expect(barsOf(file)).toEqual([['AAPL', ['2024-01-02 185.64', '2024-01-03 184.25', '2024-01-04 181.91']], ['AIR.NZ', ['2024-01-03 0.65', '2024-01-04 0.655']]]);
    const again = await parseImportFile({ name: file, bytes: readFileSync(file) });
    expect(again.ok).toBe(true);
    expect(again.symbols[0].bars[0]).toEqual({ date: '2024-01-02', open: 187.15, high: 188.44, low: 183.885, close: 185.64, volume: 82488700, adjClose: 184.9 });
  });

  it('yahoo: waits the Retry-After of a 429, then succeeds', async () => {
    const server = await serve((asked, count) => (count === 1 ? { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '1' } } : servers.yahoo(asked, count)));
    const started = Date.now();
    const run = await cli(['--provider', 'yahoo', '--symbol', 'AAPL', '--base-url', server.baseUrl, '--out', out('retry.json')]);
    expect(run.code).toBe(0);
    expect(server.asked).toHaveLength(2);
    expect(run.stderr).toContain('fetch: yahoo AAPL: rate limited, retry 1/3 in 1 s');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);

    const refusing = await serve(() => ({ status: 429, body: 'Too Many Requests', headers: { 'retry-after': '0' } }));
    const bounded = await cli(['--provider', 'yahoo', '--symbol', 'AAPL', '--base-url', refusing.baseUrl, '--out', out('refused.json')]);
    expect(bounded.code).toBe(2);
    expect(refusing.asked).toHaveLength(4); // the first request and yahoo's 3 retries
    expect(bounded.stderr).toMatch(/Yahoo Finance, AAPL: too many requests \(HTTP 429\) \(still refused after 3 retries\)\. Yahoo Finance limits how often/);
  });

  it('yahoo: an unknown symbol fails with provider and symbol named, no stack, nothing written', async () => {
    const server = await serve(servers.yahoo);
    const file = out('unknown.json');
    const run = await cli(['--provider', 'yahoo', '--symbol', 'AAPL', '--symbol', 'NOSUCH', '--base-url', server.baseUrl, '--out', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: Yahoo Finance, NOSUCH: no such symbol \(Not Found: No data found, symbol may be delisted\)\. Check the ticker/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(file)).toBe(false);
  });

  it('tiingo: key from QL_TIINGO_KEY; a wrong key is refused without printing it', async () => {
    const server = await serve(servers.tiingo);
    const file = out('tiingo.json');
    const run = await cli(['--provider', 'tiingo', '--symbol', 'AAPL', '--from', '2024-01-02', '--base-url', server.baseUrl, '--out', file], { QL_TIINGO_KEY: KEY });
    expect(run.code).toBe(0);
    expect(server.asked[0]).toEqual({ path: '/tiingo/daily/aapl/prices', query: { startDate: '2024-01-02', token: KEY } });
    expect(JSON.parse(readFileSync(file, 'utf8')).series[0].bars[1]).toEqual({ date: '2024-01-03', open: 184.22, high: 185.88, low: 183.43, close: 184.25, adjClose: 183.5, volume: 58414460 });
    expectNoKey(run, file);
    const wrong = await cli(['--provider', 'tiingo', '--symbol', 'AAPL', '--api-key', `${KEY}x`, '--base-url', server.baseUrl, '--out', out('tiingo-bad.json')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/Tiingo, AAPL: the token was refused \(Invalid token\.\)\. Check the API key for Tiingo \(--api-key or QL_TIINGO_KEY\)/);
    expect(wrong.stderr).not.toContain(KEY);
  });

  it('says which key is missing before asking anything', async () => {
    const server = await serve(servers.tiingo);
    const run = await cli(['--provider', 'polygon', '--symbol', 'AAPL', '--base-url', server.baseUrl, '--out', out('nokey.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: Polygon.io needs an API key: --api-key K, or the environment variable QL_POLYGON_KEY\n');
    expect(server.asked).toEqual([]);
  });

  it('alphavantage: reads the daily series; a daily-limit body (status 200) fails at once', async () => {
    const server = await serve(servers.alphavantage);
    const file = out('av.json');
    const run = await cli(['--provider', 'alphavantage', '--symbol', 'IBM', '--api-key', KEY, '--base-url', server.baseUrl, '--out', file]);
    expect(run.code).toBe(0);
    expect(server.asked[0].query).toEqual({ function: 'TIME_SERIES_DAILY', symbol: 'IBM', outputsize: 'full', apikey: KEY });
    expect(barsOf(file)).toEqual([['IBM', ['2024-01-02 162.58', '2024-01-03 160.1']]]);
    const busy = await cli(['--provider', 'alphavantage', '--symbol', 'BUSY', '--api-key', KEY, '--base-url', server.baseUrl, '--out', out('av-busy.json')]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(/Alpha Vantage, BUSY: .*25 requests per day.*asks to wait 86400 s/);
    expectNoKey(busy);
    expect(server.asked).toHaveLength(2);
  });

  it('polygon: follows next_url on the mirror with the key added back', async () => {
    const server = await serve(servers.polygon);
    const file = out('polygon.json');
    const run = await cli(['--provider', 'polygon', '--symbol', 'AAPL', '--from', '2024-01-02', '--to', '2024-01-03', '--api-key', KEY, '--base-url', server.baseUrl, '--out', file]);
    expect(run.code).toBe(0);
    expect(server.asked).toEqual([
      { path: '/v2/aggs/ticker/AAPL/range/1/day/2024-01-02/2024-01-03', query: { adjusted: 'true', sort: 'asc', limit: '50000', apiKey: KEY } },
      { path: '/v2/aggs/ticker/AAPL/range/1/day/1704258000000/2024-01-03', query: { cursor: 'bGltaXQ9MSZzb3J0PWFzYw', apiKey: KEY } },
    ]);
    expect(barsOf(file)).toEqual([['AAPL', ['2024-01-02 185.64', '2024-01-03 184.25']]]);
    expectNoKey(run, file);
  });

  it('fmp, finnhub: documented requests; finnhub premium reply named as such', async () => {
    const fmp = await serve(servers.fmp);
    const fmpRun = await cli(['--provider', 'fmp', '--symbol', 'AAPL', '--api-key', KEY, '--base-url', fmp.baseUrl, '--out', out('fmp.json')]);
    expect(fmpRun.code).toBe(0);
    expect(fmp.asked[0]).toEqual({ path: '/stable/historical-price-eod/full', query: { symbol: 'AAPL', apikey: KEY } });
    expect(barsOf(out('fmp.json'))).toEqual([['AAPL', ['2024-01-02 185.64', '2024-01-03 184.25']]]);
    const finnhub = await serve(servers.finnhub);
    const ok = await cli(['--provider', 'finnhub', '--symbol', 'AAPL', '--api-key', KEY, '--base-url', finnhub.baseUrl, '--out', out('finnhub.json')]);
    expect(ok.code).toBe(0);
    expect(barsOf(out('finnhub.json'))).toEqual([['AAPL', ['2024-01-02 185.64', '2024-01-03 184.25']]]);
    const premium = await cli(['--provider', 'finnhub', '--symbol', 'MSFT', '--api-key', KEY, '--base-url', finnhub.baseUrl, '--out', out('finnhub-msft.json')]);
    expect(premium.code).toBe(2);
    expect(premium.stderr).toMatch(/Finnhub, MSFT: candles need a paid Finnhub plan .* This data needs a paid Finnhub plan/);
    expectNoKey(premium);
  });

  it('twelvedata: an error body with status 200 is an error, not empty data', async () => {
    const server = await serve(servers.twelvedata);
    const ok = await cli(['--provider', 'twelvedata', '--symbol', 'AAPL', '--from', '2024-01-02', '--api-key', KEY, '--base-url', server.baseUrl, '--out', out('td.json')]);
    expect(ok.code).toBe(0);
    expect(server.asked[0]).toEqual({ path: '/time_series', query: { symbol: 'AAPL', interval: '1day', start_date: '2024-01-02', outputsize: '5000', apikey: KEY } });
    const missing = await cli(['--provider', 'twelvedata', '--symbol', 'NOSUCH', '--api-key', KEY, '--base-url', server.baseUrl, '--out', out('td-missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Twelve Data, NOSUCH: \*\*symbol\*\* not found: NOSUCH/);
    expect(existsSync(out('td-missing.json'))).toBe(false);
  });

  it('stooq: CSV through the importer; the proof-of-work page is reported as blocked', async () => {
    const server = await serve(servers.stooq);
    const ok = await cli(['--provider', 'stooq', '--symbol', 'AAPL', '--from', '2024-01-02', '--api-key', KEY, '--base-url', server.baseUrl, '--out', out('stooq.json')]);
    expect(ok.code).toBe(0);
    expect(server.asked[0]).toEqual({ path: '/q/d/l/', query: { s: 'aapl.us', i: 'd', d1: '20240102', apikey: KEY } });
    expect(barsOf(out('stooq.json'))).toEqual([['AAPL', ['2024-01-02 184.53', '2024-01-03 183.15']]]);
    const blocked = await cli(['--provider', 'stooq', '--symbol', 'MSFT', '--api-key', KEY, '--base-url', server.baseUrl, '--out', out('stooq-msft.json')]);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/Stooq, MSFT: Stooq sent a web page instead of prices .* Stooq refused this client/);
  });

  it('a provider that cannot be reached is reported as offline', async () => {
    const gone = await startServer(servers.yahoo);
    await gone.close();
    const run = await cli(['--provider', 'yahoo', '--symbol', 'AAPL', '--base-url', gone.baseUrl, '--out', out('offline.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: Yahoo Finance, AAPL: no reply from ${gone.baseUrl.slice(7)} (ECONNREFUSED). No reply: check the network connection and --base-url.\n`);
  });

  it('url: the user\'s own files by {symbol} template', async () => {
    const server = await serve(({ path }) => (path === '/prices/AAPL.csv' ? { body: fixture('stooq/aapl.us.csv') } : { status: 404, body: 'not found' }));
    const run = await cli(['--provider', 'url', '--symbol', 'AAPL', '--url', `${server.baseUrl}/prices/{symbol}.csv`, '--out', out('url.json')]);
    expect(run.code).toBe(0);
    expect(barsOf(out('url.json'))).toEqual([['AAPL', ['2024-01-02 184.53', '2024-01-03 183.15']]]);
  });
});

const { fixture } = servers;

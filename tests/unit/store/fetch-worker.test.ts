/**
 * The compute worker's fetch module run in Node (fake-indexeddb, Node's fetch) against the local provider
 * server that the browser tests use: Stooq's CSV protocol, reached through the advanced base URL.
 */
import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/jobs/progress';
import { getSymbol, loadBars } from '../../../src/store/bars';
import { DEFAULT_DB_NAME, getQuantDb } from '../../../src/store/db';
import { saveProviderKey } from '../../../src/store/provider-keys';
import { fetchApi } from '../../../workers/compute/fetch';
import { jobsApi } from '../../../workers/compute/jobs';
import { startProviderServer, type ProviderServer } from '../../e2e/provider-server';

const KEY = 'stooq-key-123';
let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({ stooqKey: KEY });
});
afterAll(() => server.stop());
afterEach(async () => {
  server.lastDate = '2024-06-28';
  server.priceFactor = 1;
  server.delayMs = 0;
  await deleteDB(DEFAULT_DB_NAME);
});

const request = (tickers: string[]) => ({ provider: 'stooq' as const, tickers, baseUrl: server.url });

describe('fetch worker: Get prices and Refresh', () => {
  it('stores each ticker with its source; a wrong key fails that provider alone, without the key in the message', async () => {
    const db = await getQuantDb();
    await saveProviderKey(db, 'stooq', 'wrong-key-xyz');
    const [failed] = await fetchApi.fetchPrices('j1', request(['IBM']));
    expect(failed).toMatchObject({ symbol: 'IBM', status: 'failed', problem: 'bad-key' });
    expect(failed.message).toContain('Stooq, IBM: the key was refused (HTTP 401)');
    expect(failed.message).not.toContain('wrong-key-xyz');
    expect(await getSymbol(db, 'IBM')).toBeUndefined();

    await saveProviderKey(db, 'stooq', KEY);
    const results = await fetchApi.fetchPrices('j2', request(['IBM', 'msft']));
    expect(results.map((r) => [r.symbol, r.status, r.added, r.firstDate, r.lastDate])).toEqual([
      ['IBM', 'added', 124, '2024-01-02', '2024-06-28'],
      ['MSFT', 'added', 124, '2024-01-02', '2024-06-28'],
    ]);
    expect((await loadBars(db, 'MSFT')).map((b) => b.close)).toEqual(server.bars('MSFT').map((b) => b.close));
    expect((await getSymbol(db, 'MSFT'))?.fetchSource).toMatchObject({ provider: 'stooq', ticker: 'MSFT', baseUrl: server.url, adjustment: 'splits-and-dividends' });
  });

  it('refreshes from the overlap start, then refetches the whole history after a re-adjustment', async () => {
    const db = await getQuantDb();
    await saveProviderKey(db, 'stooq', KEY);
    await fetchApi.fetchPrices('j1', request(['IBM']));
    server.lastDate = '2024-07-08';
    const before = server.requests.length;
    const [updated] = await fetchApi.refreshSymbols('j2', ['IBM'], 'http://unused/data/manifest.json');
    expect(updated).toMatchObject({ symbol: 'IBM', status: 'updated', added: 5, barCount: 129, lastDate: '2024-07-08', message: '5 new bars, up to 2024-07-08' });
    // Stooq is asked from the 5th session back from the last stored bar (2024-06-28): 2024-06-24.
    expect(server.requests.slice(before).map((u) => u.searchParams.get('d1'))).toEqual(['20240624']);

    server.priceFactor = 0.5;
    const [replaced] = await fetchApi.refreshSymbols('j3', [], 'http://unused/data/manifest.json');
    expect(replaced.status).toBe('replaced');
    expect(replaced.message).toMatch(/^history re-adjusted by the provider \(split or dividend since the last fetch\); replaced 129 bars \(the close of 2024-07-01 was [\d.]+, now [\d.]+\)$/);
    expect(server.requests.slice(-2).map((u) => u.searchParams.get('d1'))).toEqual(['20240701', '20240102']);
    expect((await loadBars(db, 'IBM')).map((b) => b.close)).toEqual(server.bars('IBM').map((b) => b.close));
  });

  it('a symbol that was not fetched is skipped with a reason', async () => {
    const [skipped] = await fetchApi.refreshSymbols('j1', ['NOPE'], 'http://unused/data/manifest.json');
    expect(skipped).toMatchObject({ symbol: 'NOPE', status: 'skipped' });
  });

  it('Cancel stops the job promptly: symbols already written stay, the one in flight is not written', async () => {
    const db = await getQuantDb();
    await saveProviderKey(db, 'stooq', KEY);
    server.delayMs = 300;
    const job = fetchApi.fetchPrices('cancel-me', request(['AAA', 'BBB', 'CCC']));
    job.catch(() => undefined);
    await expect.poll(() => server.requests.filter((u) => u.searchParams.get('s') === 'bbb.us').length).toBe(1); // BBB in flight
    await expect.poll(async () => (await getSymbol(db, 'AAA'))?.barCount).toBe(124);
    const cancelledAt = Date.now();
    expect(jobsApi.cancel('cancel-me')).toBe(true);
    await expect(job).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - cancelledAt).toBeLessThan(250); // BBB's reply was still 300 ms away
    expect((await getSymbol(db, 'AAA'))?.barCount).toBe(124);
    expect(await getSymbol(db, 'BBB')).toBeUndefined();
    expect(await getSymbol(db, 'CCC')).toBeUndefined();
  });
});

/**
 * A model download cancelled halfway and started again after a page reload continues where it stopped:
 * the real worker saves the received bytes in Cache Storage and asks the server only for the rest.
 * The model server here stalls the first transfer of the weights halfway, like a dropped connection.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseUrlPrefix, launchBrowser, openTab, repoRoot, startServer, type Browser, type RunningServer } from './support';

const fixture = join(repoRoot, 'tests/fixtures/chronos2');
const weights = readFileSync(join(fixture, 'model.safetensors'));
const config = readFileSync(join(fixture, 'config.json'));
const STALL_AT = 400_000;

/** Serves config.json and model.safetensors with CORS and ranges; the first weights transfer stalls at STALL_AT bytes. */
function stallingModelServer(weightRanges: (string | undefined)[]): { server: Server; stalled: ServerResponse[] } {
  const stalled: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Range',
      'Access-Control-Expose-Headers': 'Content-Range, Content-Length',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    if (req.url === '/m/config.json') return void res.writeHead(200, { ...cors, 'Content-Length': config.byteLength }).end(config);
    if (req.url !== '/m/model.safetensors') return void res.writeHead(404, cors).end();
    weightRanges.push(req.headers.range);
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    const body = weights.subarray(start);
    res.writeHead(start > 0 ? 206 : 200, {
      ...cors,
      'Content-Length': body.byteLength,
      ...(start > 0 ? { 'Content-Range': `bytes ${start}-${weights.byteLength - 1}/${weights.byteLength}` } : {}),
    });
    if (weightRanges.length === 1) {
      res.write(body.subarray(0, STALL_AT)); // ... and nothing more until the client gives up
      stalled.push(res);
    } else res.end(body);
  });
  return { server, stalled };
}

describe('model download resume across a reload', () => {
  let app: RunningServer;
  let browser: Browser;
  let models: { server: Server; stalled: ServerResponse[] };
  let prefix: string;
  const weightRanges: (string | undefined)[] = [];

  beforeAll(async () => {
    app = await startServer();
    models = stallingModelServer(weightRanges);
    await new Promise<void>((ok) => models.server.listen(0, '127.0.0.1', ok));
    prefix = `http://127.0.0.1:${(models.server.address() as AddressInfo).port}/m/`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    for (const res of models?.stalled ?? []) res.destroy();
    await new Promise((ok) => models?.server.close(ok));
  });

  it('cancel halfway, reload, download again: only the missing bytes are fetched and the file is intact', async () => {
    const { page } = browser;
    const startDownload = async () => {
      await openTab(page, app.url, 'Forecasts');
      await chooseUrlPrefix(page, prefix);
      await page.getByRole('button', { name: 'Download', exact: true }).click();
    };
    await startDownload();
    const progress = page.getByRole('progressbar', { name: 'Download of model.safetensors' });
    await expect.poll(() => progress.evaluate((e) => (e as HTMLProgressElement).value), { timeout: 60_000 }).toBe(STALL_AT);
    await page.getByRole('button', { name: 'Cancel download' }).click();
    await page.getByTestId('download-progress').waitFor({ state: 'detached' });
    // Only config.json is complete: listed as an incomplete download, not offered as a forecaster.
    await page.locator(`.cached-models tr[data-model-id="url:${prefix}"]`).getByText('incomplete').waitFor();
    expect(await page.getByTestId('cache-status').textContent()).toBe('not downloaded');

    await page.reload();
    await startDownload();
    await page.getByTestId('cache-status').getByText('cached').waitFor({ timeout: 60_000 });
    expect(weightRanges).toEqual([undefined, `bytes=${STALL_AT}-`]);

    // The cached weights are the fixture byte for byte, and no partial download is left behind.
    const modelId = `url:${prefix}`;
    const cached = await page.evaluate(async (id) => {
      const cache = await caches.open('quant-lens-models');
      const response = await cache.match(`/__quant-lens-models__/${encodeURIComponent(id)}/model.safetensors`);
      const digest = await crypto.subtle.digest('SHA-256', await response!.arrayBuffer());
      return {
        sha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''),
        partials: (await cache.keys()).filter((r) => r.url.includes('/partial/')).length,
      };
    }, modelId);
    expect(cached).toEqual({ sha256: createHash('sha256').update(weights).digest('hex'), partials: 0 });
    expect(browser.errors).toEqual([]);
  });
});

/**
 * A local static site for the site-feed tests: `files` maps a URL path to its body (JSON), anything else is a
 * 404. Started before the file's tests on 127.0.0.1 (a free port), stopped after them; files cleared after each.
 *   const site = staticSite();  site.files.set('/site/data/manifest.json', text);  fetch(site.manifestUrl())
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';

export function staticSite(): { files: Map<string, string>; manifestUrl: () => string } {
  const files = new Map<string, string>();
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    if (body === undefined) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/site/data/manifest.json`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
  afterEach(() => files.clear());
  return { files, manifestUrl: () => url };
}

/**
 * The CLI's provider GET against a local server that stops sending: it ends within the timeout with the
 * `offline` transport error naming the host (never a raw AbortError, never a hang).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { httpGetWithTimeout } from '../../../src/cli/http-get';
import { TransportError } from '../../../src/core/providers/types';

describe('CLI provider GET', () => {
  it('a reply whose body stalls after the headers is a clear "no reply" error', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '1000' });
      res.write('Date,Open,High,Low,Close,Volume\n');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const get = httpGetWithTimeout(300);
      const failure = await get({ url: `http://${host}/q/d/l/?s=aapl.us&apikey=SECRET` }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(TransportError);
      expect(failure).toMatchObject({ kind: 'offline', message: `no reply from ${host} (the reply stopped: nothing within 0.3 s)` });
      expect(String((failure as Error).message)).not.toContain('SECRET');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

/** The browser shell's HttpGet (workers/compute/http.ts), run with Node's fetch against a local server. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../../src/core/providers';
import { browserHttpGet, throughProxy } from '../../../workers/compute/http';

let base = '';
const server = createServer((req, res) => {
  res.writeHead(req.url?.startsWith('/missing') ? 404 : 200, { 'Content-Type': 'text/plain', 'Retry-After': '7', 'X-Seen-Url': req.url ?? '' }).end(`got ${req.url}`);
});
beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('throughProxy', () => {
  const url = 'https://query1.finance.yahoo.com/v8/finance/chart/AAPL?period1=1&interval=1d';
  it('appends the provider URL to the prefix as is, or percent-encoded after a trailing "="', () => {
    expect(throughProxy(url, '')).toBe(url);
    expect(throughProxy(url, 'https://proxy.example/')).toBe(`https://proxy.example/${url}`);
    expect(throughProxy(url, 'https://proxy.example/?url=')).toBe('https://proxy.example/?url=https%3A%2F%2Fquery1.finance.yahoo.com%2Fv8%2Ffinance%2Fchart%2FAAPL%3Fperiod1%3D1%26interval%3D1d');
  });
});

describe('browserHttpGet', () => {
  it('returns status, body and lower-cased headers, also for error statuses', async () => {
    const reply = await browserHttpGet('')({ url: `${base}/missing?x=1` });
    expect(reply.status).toBe(404);
    expect(reply.body).toBe('got /missing?x=1');
    expect(reply.headers['retry-after']).toBe('7');
  });

  it('goes through the proxy prefix when one is set', async () => {
    const reply = await browserHttpGet(`${base}/proxy?u=`)({ url: 'https://example.org/a?b=c' });
    expect(reply.headers['x-seen-url']).toBe('/proxy?u=https%3A%2F%2Fexample.org%2Fa%3Fb%3Dc');
  });

  it('no reply while online is "blocked"; while navigator.onLine is false, "offline"', async () => {
    const closed = 'http://127.0.0.1:9/'; // the discard port: nothing listens
    await expect(browserHttpGet('')({ url: closed })).rejects.toMatchObject({ kind: 'blocked' });
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: false }, configurable: true });
    try {
      const error = await browserHttpGet('')({ url: closed }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ kind: 'offline', message: 'this browser is offline' });
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });
});

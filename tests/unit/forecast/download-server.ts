/**
 * A local HTTP server for the model-download tests (model-download*.test.ts): each path serves a file with
 * a chosen behaviour (ranges or not, an error status, a dropped or stalled connection, no headers), and
 * records the requests it got. Files: a 300 kB test pattern and the tiny Chronos-2 checkpoint.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export const FILE = Buffer.from(Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
export const FILE_SHA = createHash('sha256').update(FILE).digest('hex');
/** The tiny Chronos-2 checkpoint: what fetchModelFiles must accept (it checks files as loading would). */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/chronos2/${name}`, import.meta.url));
export const CONFIG = fixture('config.json');
export const WEIGHTS = fixture('model.safetensors');
export const WEIGHTS_SHA = createHash('sha256').update(WEIGHTS).digest('hex');

/** Behaviour of the test server for one path. */
interface Route {
  /** Drop the connection after this many body bytes of the first response. */
  dropAfter?: number;
  ranges: boolean;
  status?: number;
  /** What the path serves (default FILE). */
  body?: Buffer;
  /** The first N requests never get headers. */
  silent?: number;
  /** First request: send this many body bytes, then nothing more (the connection stays open). */
  stallAfter?: number;
  requests: { range?: string }[];
}

const routes = new Map<string, Route>();
let server: Server;
/** The server's address (set once `useDownloadServer`'s beforeAll has run). */
export let base: string;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const route = routes.get(req.url ?? '');
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  route.requests.push({ range: req.headers.range });
  if (route.status) {
    res.writeHead(route.status).end();
    return;
  }
  const first = route.requests.length === 1;
  if (route.requests.length <= (route.silent ?? 0)) return;
  const file = route.body ?? FILE;
  const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = route.ranges && match ? Number(match[1]) : 0;
  const body = file.subarray(start);
  res.writeHead(start > 0 ? 206 : 200, {
    'Content-Length': String(body.byteLength),
    ...(start > 0 ? { 'Content-Range': `bytes ${start}-${file.byteLength - 1}/${file.byteLength}` } : {}),
  });
  if (first && route.stallAfter !== undefined) {
    res.write(body.subarray(0, route.stallAfter));
    return;
  }
  const drop = first ? route.dropAfter : undefined;
  if (drop !== undefined) {
    res.write(body.subarray(0, drop), () => setTimeout(() => res.destroy(), 20));
    return;
  }
  res.end(body);
}

export function route(path: string, options: Omit<Route, 'requests'>): Route {
  const r = { ...options, requests: [] };
  routes.set(path, r);
  return r;
}

/** Starts the server before the calling test file's tests and stops it after them. */
export function useDownloadServer(): void {
  beforeAll(async () => {
    server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => {
    server.closeAllConnections(); // the stalling routes keep theirs open
    server.close(() => resolve());
  }));
}

export const fast = { retryDelayMs: () => 10 };

#!/usr/bin/env node
/**
 * Static server for the production build.
 *   node scripts/serve.mjs DIR [--port 4173] [--host 127.0.0.1] [--base /sub/] [--no-isolation]
 * By default it sends the COOP/COEP headers that make the page cross-origin isolated (threads for
 * onnxruntime-web). `--no-isolation` serves like GitHub Pages does (no special headers), and
 * `--base` mounts the app under a sub-path, like a project page. `--port 0` picks a free port;
 * the chosen URL is printed as the first line of stdout.
 */
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const root = resolve(args[0] && !args[0].startsWith('--') ? args[0] : 'dist');
const port = Number(option('--port', process.env.PORT ?? '4173'));
const host = option('--host', '127.0.0.1');
const base = ('/' + option('--base', '/').replace(/^\/+|\/+$/g, '') + '/').replace('//', '/');
const isolation = !args.includes('--no-isolation');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.safetensors': 'application/octet-stream', '.onnx': 'application/octet-stream',
};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(base)) {
    res.writeHead(404).end('not found');
    return;
  }
  let path = normalize(decodeURIComponent(url.pathname.slice(base.length)));
  if (path.startsWith('..')) {
    res.writeHead(403).end('forbidden');
    return;
  }
  let file = join(root, path);
  let stat;
  try {
    stat = statSync(file);
    if (stat.isDirectory()) {
      file = join(file, 'index.html');
      stat = statSync(file);
    }
  } catch {
    res.writeHead(404).end('not found');
    return;
  }
  const headers = {
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': 'no-cache',
    'Accept-Ranges': 'bytes',
    // Lets a page on another origin fetch self-hosted model files served from here.
    'Access-Control-Allow-Origin': '*',
    // ...and resume interrupted downloads with Range requests (the client reads Content-Range).
    'Access-Control-Expose-Headers': 'Content-Range, Content-Length, Accept-Ranges',
  };
  if (isolation) {
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
    headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
  }
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    const start = Number(range[1]);
    const end = range[2] ? Number(range[2]) : stat.size - 1;
    res.writeHead(206, { ...headers, 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${stat.size}` });
    createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});

server.listen(port, host, () => {
  const address = server.address();
  console.log(`http://${host}:${address.port}${base}`);
  console.error(`serving ${root} ${isolation ? 'with' : 'without'} cross-origin isolation headers`);
});

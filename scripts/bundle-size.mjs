#!/usr/bin/env node
/**
 * Production bundle sizes: what the first screen loads (the entry script, its preloaded chunks and
 * CSS, as listed in index.html) and everything else, raw and gzip-compressed, plus a check that the
 * heavy libraries stay out of the initial chunk.
 *
 *   npm run build && node scripts/bundle-size.mjs [dist] [--markdown]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const dist = resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
// Everything index.html makes the browser fetch before the app can run.
const initialRefs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="(?:stylesheet|modulepreload)"[^>]*\shref)="\.?\/?([^"]+)"/g)].map((m) => m[1]);
const initial = new Set(['index.html', ...initialRefs.filter((r) => r.startsWith('assets/'))]);

const files = walk(dist).map((path) => {
  const bytes = readFileSync(path);
  const name = relative(dist, path).split('\\').join('/');
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, text: /\.(js|css|html)$/.test(name) ? bytes.toString('utf8') : '' };
});

const kind = (f) =>
  initial.has(f.name) ? 'initial'
  : f.name.endsWith('.wasm') ? 'wasm'
  : /\.worker-[^/]+\.js$/.test(f.name) ? 'worker'
  : /^assets\/.*\.(js|css)$/.test(f.name) ? 'lazy chunk'
  : 'other (data, icons, service worker)';

const groups = new Map();
for (const f of files) {
  const g = groups.get(kind(f)) ?? { files: 0, raw: 0, gzip: 0 };
  g.files += 1;
  g.raw += f.raw;
  g.gzip += f.gzip;
  groups.set(kind(f), g);
}
const total = files.reduce((t, f) => ({ files: t.files + 1, raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { files: 0, raw: 0, gzip: 0 });

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const rows = [
  ...['initial', 'lazy chunk', 'worker', 'wasm', 'other (data, icons, service worker)'].filter((k) => groups.has(k)).map((k) => [k, groups.get(k)]),
  ['total', total],
].map(([name, g]) => [name, String(g.files), kB(g.raw), kB(g.gzip)]);

const largest = files.filter((f) => kind(f) !== 'initial').sort((a, b) => b.gzip - a.gzip).slice(0, 6)
  .map((f) => [`  ${f.name}`, kind(f), kB(f.raw), kB(f.gzip)]);

// Markers that only the heavy libraries' code contains.
const heavy = { 'onnxruntime-web': /onnxruntime|ort-wasm/, echarts: /echarts|zrender/i };
const initialText = files.filter((f) => initial.has(f.name)).map((f) => f.text).join('\n');
const checks = Object.entries(heavy).map(([lib, marker]) => [lib, marker.test(initialText) ? 'IN THE INITIAL CHUNK' : 'lazy (not in the initial chunk)']);

function table(header, body) {
  if (markdown) return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

console.log(`Bundle sizes of ${relative(process.cwd(), dist) || dist} (gzip level 9)\n`);
console.log(table(['part', 'files', 'raw', 'gzip'], rows));
console.log('\nLargest lazily loaded files:\n');
console.log(table(['file', 'kind', 'raw', 'gzip'], largest));
console.log('\n' + table(['library', 'where'], checks));
if (checks.some(([, where]) => where.startsWith('IN'))) process.exitCode = 1;

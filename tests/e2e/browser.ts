/**
 * The real Debian Chromium driven by playwright-core, against the production build served by
 * scripts/serve.mjs. No mocks: real IndexedDB, real workers, real ORT. Free of vitest, so the
 * benchmarks (tests/bench/startup.bench.ts) use it too; support.ts adds the test-only helpers.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = resolve(import.meta.dirname, '../..');
/** The build under test; `npm run test:e2e` builds it first. QL_DIST lets parallel runs use their own. */
export const distDir = resolve(repoRoot, process.env.QL_DIST ?? 'dist');
export const artifactsDir = join(repoRoot, 'test-results');

export interface ServerOptions {
  dir?: string;
  base?: string;
  isolation?: boolean;
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Production build into `outDir` (under the repo; extra ones are git-ignored as dist-*), optionally with a
 * release version (QL_APP_VERSION). Returns the build's absolute path.
 */
export function buildApp(outDir: string, version?: string): string {
  const dir = join(repoRoot, outDir);
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: repoRoot,
    // vitest sets NODE_ENV=test, which would make Vite produce a development build.
    env: { ...process.env, NODE_ENV: 'production', ...(version ? { QL_APP_VERSION: version } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'], // stderr is in the thrown error if the build fails
  });
  return dir;
}

/** Starts scripts/serve.mjs on a free port and resolves with its URL once it answers. */
export async function startServer({ dir = distDir, base = '/', isolation = true }: ServerOptions = {}): Promise<RunningServer> {
  statSync(join(dir, 'index.html')); // a clear error when the build is missing
  const args = [join(repoRoot, 'scripts/serve.mjs'), dir, '--port', '0', '--base', base];
  if (!isolation) args.push('--no-isolation');
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`static server exited with code ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => ok(chunk.toString().trim().split('\n')[0]));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        child.removeAllListeners('exit');
        child.once('exit', () => ok());
        child.kill();
      }),
  };
}

/**
 * A folder to serve like a self-hosted model site: the named test checkpoints from tests/fixtures (each as
 * `<name>/`) plus an index.html so the static server accepts it.
 */
export function modelFixtureSite(models: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ql-models-'));
  for (const model of models) cpSync(join(repoRoot, 'tests/fixtures', model), join(dir, model), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>model files</title>');
  return dir;
}

export interface BrowserOptions {
  /** Expose a software WebGPU adapter (SwiftShader) to the page. */
  webgpu?: boolean;
  /** Reuse a profile directory (to test persistence across browser restarts). */
  userDataDir?: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  userDataDir: string;
  /** Console errors and uncaught page errors seen so far (tests assert this stays empty). */
  errors: string[];
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'ql-chromium-'));
  const args = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];
  args.push(...(options.webgpu ? ['--enable-unsafe-webgpu'] : ['--disable-gpu']));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args,
    viewport: options.viewport ?? { width: 1280, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    userDataDir,
    errors,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot under test-results/screenshots and returns its path and size. */
export async function saveScreenshot(page: Page, name: string): Promise<{ path: string; buffer: Buffer }> {
  const dir = join(artifactsDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  const buffer = await page.screenshot({ path, fullPage: true });
  return { path, buffer };
}

/** Opens a tab by its URL (`#/<tab>`) and waits for its heading. */
export async function openTab(page: Page, url: string, tab: string): Promise<void> {
  await page.goto(`${url}#/${tab.toLowerCase()}`);
  await page.getByRole('heading', { level: 2, name: tab }).waitFor();
}

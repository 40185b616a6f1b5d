/**
 * Chronos-Bolt in the real browser: Settings > Diagnostics runs the official golden cases
 * (tests/fixtures/chronos-bolt) in the forecast worker with onnxruntime-web, and the test grades the
 * downloaded outputs with the tests' one metric. The app's CSP only lets it
 * fetch from its own origin (and Hugging Face), so the golden files are served next to a copy of the build
 * (never written into the shared build folder).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCasesInDiagnostics } from './cases-check';
import { type Browser, type RunningServer, distDir, launchBrowser, repoRoot, startServer } from './support';

let app: RunningServer;
let browser: Browser;
const siteDir = mkdtempSync(join(tmpdir(), 'bolt-golden-'));

beforeAll(async () => {
  cpSync(distDir, siteDir, { recursive: true });
  cpSync(join(repoRoot, 'tests/fixtures/chronos-bolt'), join(siteDir, 'golden-bolt'), { recursive: true });
  app = await startServer({ dir: siteDir });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(siteDir, { recursive: true, force: true });
});

/** Runs the cases on one backend and returns the worst model and pipeline errors. */
async function goldenCheck(browser: Browser, backend: 'wasm' | 'webgpu', screenshot: string) {
  const check = await runCasesInDiagnostics(browser.page, app.url, './golden-bolt/', backend, 'chronos-bolt', screenshot);
  // The summary names the provider the worker's session actually ran on, not the one requested:
  // onnxruntime drops a WebGPU it cannot start and carries on with WASM.
  expect(check.summary, backend === 'webgpu' ? 'onnxruntime fell back from WebGPU to WASM (or this Chromium has no WebGPU adapter)' : undefined).toMatch(new RegExp(`^21 Chronos-Bolt cases ran on ${backend}`));
  console.log(`bolt golden in Chromium worker (${backend}): worst model ${check.worstModel}, worst pipeline ${check.worstPipeline}`);
  return check;
}

describe('Chronos-Bolt golden cases in the browser worker', () => {
  it('all 21 cases pass at 1e-4 on WASM', async () => {
    const { worstModel, worstPipeline } = await goldenCheck(browser, 'wasm', 'bolt-golden-wasm');
    expect(worstModel).toBeLessThan(1e-4);
    expect(worstPipeline).toBeLessThan(1e-4);
    expect(browser.errors).toEqual([]);
  }, 360_000);

  it('all 21 cases pass at 1e-3 on WebGPU (software adapter)', async () => {
    const gpu = await launchBrowser({ webgpu: true });
    try {
      const { worstModel, worstPipeline } = await goldenCheck(gpu, 'webgpu', 'bolt-golden-webgpu');
      expect(worstModel).toBeLessThan(1e-3);
      expect(worstPipeline).toBeLessThan(1e-3);
    } finally {
      await gpu.close();
    }
  }, 360_000);
});

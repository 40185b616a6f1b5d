/**
 * The official golden cases in the browser's forecast worker, through Settings > Diagnostics: the app runs a
 * cases folder and offers its raw outputs as a download; the test measures them against the golden file with
 * the tests' one metric (tests/support/golden-metric.ts). The app itself never grades them.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { compareCaseOutputs, worstErrors } from '../support/golden-metric';
import { openTab, repoRoot, saveScreenshot } from './browser';

export interface CasesCheck {
  /** The summary line the page shows, e.g. "20 Chronos-2 cases ran on wasm in 3.1 s." */
  summary: string;
  worstModel: number;
  worstPipeline: number;
}

/** `fixture`: the folder of tests/fixtures holding the golden cases.json that `prefix` serves. */
export async function runCasesInDiagnostics(page: Page, appUrl: string, prefix: string, backend: 'wasm' | 'webgpu', fixture: string, screenshot: string, timeout = 300_000): Promise<CasesCheck> {
  await openTab(page, appUrl, 'Settings');
  const section = page.getByRole('region', { name: 'Diagnostics' });
  await section.getByLabel('Cases folder URL').fill(prefix);
  await section.getByLabel('Run on').selectOption(backend);
  await section.getByRole('button', { name: 'Run cases' }).click();
  const summary = section.getByTestId('cases-summary');
  const problem = section.getByRole('alert');
  await summary.or(problem).first().waitFor({ timeout });
  await saveScreenshot(page, screenshot);
  if (await problem.count()) throw new Error(`the cases did not run: ${(await problem.allTextContents()).join('; ')}`);
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download outputs (JSON)' }).click()]);
  const outputs = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const golden = JSON.parse(readFileSync(`${repoRoot}/tests/fixtures/${fixture}/cases.json`, 'utf8'));
  const worst = worstErrors(compareCaseOutputs(golden, outputs));
  return { summary: (await summary.textContent()) ?? '', worstModel: worst.model, worstPipeline: worst.pipeline };
}

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appInBrowser, openTab, repoRoot, saveScreenshot } from './support';

/**
 * The user's own strategy file in the Backtest tab, in real Chromium: a TypeScript defineStrategy file
 * (tests/fixtures/strategies/my-cross.ts, importing 'quant-lens') added through the file picker, its
 * parameters shown as fields and checked, run in the compute worker on the demo SPX, and its return
 * compared with the same file run by the CLI on the same demo file. A broken file shows why and adds
 * nothing; a strategy that throws names the date; the file survives a reload, and can be removed.
 */
const fixture = join(repoRoot, 'tests/fixtures/strategies/my-cross.ts');

/** `backtest --strategy my-cross.ts --fast 20 --slow 50` by the CLI on the demo S&P 500: the reference. */
function cliReport(): Promise<{ metrics: { totalReturnPct: number; trades: number }; config: { strategy: unknown } }> {
  const out = join(mkdtempSync(join(tmpdir(), 'ql-strategy-e2e-')), 'report.json');
  return new Promise((done, fail) => {
    execFile('npm', ['run', '-s', 'cli', '--', 'backtest', '--csv', join(repoRoot, 'public/demo/sp500-2000.csv'), '--strategy', fixture, '--fast', '20', '--slow', '50', '--out', out],
      { cwd: repoRoot }, (error, _stdout, stderr) => (error ? fail(new Error(stderr)) : done(JSON.parse(readFileSync(out, 'utf8')))));
  });
}

describe('strategy files in the Backtest tab', () => {
  const app = appInBrowser({ viewport: { width: 1280, height: 1000 } });
  let reference: Awaited<ReturnType<typeof cliReport>>;
  beforeAll(async () => {
    reference = await cliReport();
  });

  const metric = async (label: string) => {
    const row = app.browser.page.getByRole('table', { name: 'Backtest metrics' }).first().getByRole('row').filter({ has: app.browser.page.getByRole('rowheader', { name: label, exact: true }) });
    return (await row.getByRole('cell').first().textContent())!.trim();
  };
  const fileOf = (name: string, source: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(source) });
  /** As a user does: the button opens the file chooser, which gets the file. */
  const addFile = async (file: string | ReturnType<typeof fileOf>) => {
    const { page } = app.browser;
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add strategy file' }).click();
    await (await chooser).setFiles(file);
  };

  it('adds a TypeScript strategy file, shows its parameters, runs it like the CLI; a bad file adds nothing', async () => {
    const { page } = app.browser;
    await openTab(page, app.server.url, 'Backtest');
    await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 }); // demo data seeded on first start
    const form = page.getByRole('form', { name: 'Backtest settings' });
    const menu = form.getByLabel('Strategy');
    const optionsBefore = await menu.locator('option').count();

    // A syntax error: named with its line and column; nothing is added.
    await addFile(fileOf('broken.ts', `import { defineStrategy } from 'quant-lens';\nexport default defineStrategy({ name: 'broken', label: 'Broken', params: {}, create: () => ({ name: 'broken', decide: () => [] }) );\n`));
    await form.getByRole('alert').filter({ hasText: /^Could not add the strategy file: broken\.ts: syntax error at line 2, column \d+/ }).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'strategy-file-error');
    // An import the app cannot give: refused by name.
    await addFile(fileOf('lodash.js', `import chunk from 'lodash';\nexport default { name: 'x', decide: () => chunk([]) };\n`));
    await form.getByRole('alert').filter({ hasText: `lodash.js: imports "lodash", but a strategy file in the app may import only from 'quant-lens'` }).waitFor({ timeout: 30_000 });
    await expect(menu.locator('option').count()).resolves.toBe(optionsBefore);

    // The real file, through the picker: chosen at once, its parameters as fields.
    await addFile(fixture);
    await menu.locator('option:checked', { hasText: 'My crossover' }).waitFor({ state: 'attached', timeout: 30_000 });
    await expect(form.getByRole('alert').count()).resolves.toBe(0);
    const fast = form.getByRole('spinbutton', { name: 'Fast days', exact: true });
    const slow = form.getByRole('spinbutton', { name: 'Slow days', exact: true });
    await expect(fast.inputValue()).resolves.toBe('10');
    await expect(slow.inputValue()).resolves.toBe('30');
    await expect(fast.getAttribute('max')).resolves.toBe('500');
    await form.getByText('from my-cross.ts').waitFor();

    // The file's own rule, checked as a run would (fast below slow): Run waits.
    await slow.fill('50');
    await fast.fill('60');
    await form.getByRole('alert').filter({ hasText: 'fast must be below slow' }).waitFor();
    await expect(page.getByRole('button', { name: 'Run backtest' }).isDisabled()).resolves.toBe(true);
    await fast.fill('20');
    await expect(form.getByRole('alert').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await page.getByRole('heading', { level: 3, name: 'my-cross, SPX' }).waitFor({ timeout: 120_000 });
    expect(reference.config.strategy).toEqual({ name: 'my-cross', fast: 20, slow: 50 });
    expect(await metric('Total return [%]')).toBe(reference.metrics.totalReturnPct.toFixed(2));
    expect(await metric('Trades')).toBe(String(reference.metrics.trades));
    expect(await metric('Total return [%]')).toBe('25.51'); // = built-in sma-cross 20/50 (tests/fixtures/backtest reference)

    // The report's config records the parameters; the saved run carries the strategy's name.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'JSON', exact: true }).click();
    const report = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    expect(report.config.strategy).toEqual({ name: 'my-cross', fast: 20, slow: 50 });
    await page.getByRole('button', { name: 'Save run' }).click();
    await page.getByRole('table', { name: 'Saved backtest runs' }).getByRole('cell', { name: 'my-cross, SPX', exact: true }).waitFor();

    // The sweep covers the file's number parameters: fast 10 and 20 with the form's slow 50 (20/50 = the run above).
    const sweep = page.getByRole('region', { name: 'Parameter sweep' });
    expect(await sweep.getByRole('combobox').first().inputValue(), await sweep.textContent() ?? '').toBe('fast');
    for (const [i, v] of ['10', '20', '10'].entries()) await sweep.getByRole('spinbutton').nth(i).fill(v);
    await sweep.getByRole('button', { name: 'Run sweep' }).click();
    await sweep.getByRole('note').filter({ hasText: 'Overfitting warning' }).waitFor({ timeout: 120_000 });
    await expect(sweep.getByRole('table', { name: 'Sweep results' }).getByRole('row').count()).resolves.toBe(1 + 2);
    await sweep.getByRole('cell', { name: '25.51', exact: true }).waitFor();
    await saveScreenshot(page, 'strategy-file');
    await page.setViewportSize({ width: 390, height: 900 });
    await saveScreenshot(page, 'strategy-file-390');
    await page.setViewportSize({ width: 1280, height: 1000 });
    expect(app.browser.errors).toEqual([]);
  });

  it('names the date when a strategy throws; keeps the files across a reload; removes one', async () => {
    const { page } = app.browser;
    await page.reload();
    await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
    const form = page.getByRole('form', { name: 'Backtest settings' });
    const menu = form.getByLabel('Strategy');
    await menu.locator('option', { hasText: 'My crossover' }).waitFor({ state: 'attached' });

    await addFile(fileOf('fragile.js', `export default { name: 'fragile', decide(ctx) { if (ctx.date >= '2008-09-15') throw new Error('no data today'); return []; } };\n`));
    await menu.locator('option:checked', { hasText: 'fragile' }).waitFor({ state: 'attached', timeout: 30_000 });
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await page.getByRole('alert').filter({ hasText: 'Backtest failed: fragile.js: strategy "fragile" failed on 2008-09-15: no data today' }).waitFor({ timeout: 60_000 });

    await menu.selectOption({ label: 'My crossover' });
    await expect(form.getByRole('spinbutton', { name: 'Fast days', exact: true }).inputValue()).resolves.toBe('10');
    await form.getByRole('button', { name: 'Remove My crossover' }).click();
    await menu.locator('option', { hasText: 'My crossover' }).waitFor({ state: 'detached' });
    await menu.locator('option:checked', { hasText: 'SMA crossover' }).waitFor({ state: 'attached' });
    await page.reload();
    await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
    await menu.locator('option', { hasText: 'fragile' }).waitFor({ state: 'attached' });
    await expect(menu.locator('option', { hasText: 'My crossover' }).count()).resolves.toBe(0);
    // The files that failed to load were never stored.
    await expect(menu.locator('optgroup option').allTextContents()).resolves.toEqual(['fragile']);
    expect(app.browser.errors).toEqual([]);
  });
});

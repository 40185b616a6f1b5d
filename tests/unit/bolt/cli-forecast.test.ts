import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { embeddingError, GOLDEN_THRESHOLD, modelCaseError, pipelineError } from '../../support/golden-metric';
import { f32, fixtureDir, loadCases } from './golden';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'bolt-cli-'));
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'forecast', ...args], { cwd: process.cwd() });

type Nested = number | null | Nested[];
interface CliResult {
  model_cases: { name: string; outputs: { quantile_preds: Nested[]; scale: number[]; num_patches: number } }[];
  pipeline_cases: { name: string; outputs: Record<string, Nested[]>; forward_calls: unknown[] }[];
  embed_cases: { name: string; outputs: { embeddings: Nested[] } }[];
}

describe('forecast CLI with a Chronos-Bolt checkpoint', () => {
  it('--cases writes every case in the golden structure, matching the official outputs', async () => {
    const out = join(dir, 'bolt-out.json');
    const { stderr } = await cli('--model', fixtureDir, '--cases', join(fixtureDir, 'cases.json'), '--out', out);
    expect(stderr).toMatch(/forecast: Chronos-Bolt, 10 model, 10 pipeline, 1 embed cases/);
    const result = JSON.parse(readFileSync(out, 'utf8')) as CliResult;
    const golden = loadCases();
    golden.model_cases.forEach((c, i) => {
      const mine = result.model_cases[i];
      expect(mine.name).toBe(c.name);
      expect(mine.outputs.num_patches).toBe(c.outputs.num_patches);
      const err = modelCaseError(mine.outputs.quantile_preds, c.outputs.quantile_preds, c.outputs.scale);
      expect(err, c.name).toBeLessThan(GOLDEN_THRESHOLD);
    });
    golden.pipeline_cases.forEach((c, i) => {
      const mine = result.pipeline_cases[i];
      expect(mine.name).toBe(c.name);
      expect(mine.forward_calls).toEqual(c.forward_calls);
      for (const [key, value] of Object.entries(c.outputs)) {
        if (key === 'shapes') continue;
        const want = f32(value as Nested[]);
        const row = key === 'predictions' || key === 'mean' ? (c.prediction_length ?? 64) : c.quantile_levels!.length;
        expect(pipelineError(f32(mine.outputs[key]), want, row), `${c.name}.${key}`).toBeLessThan(GOLDEN_THRESHOLD);
      }
    });
    const embed = golden.embed_cases[0];
    expect(embeddingError(result.embed_cases[0].outputs.embeddings, embed.outputs.embeddings)).toBeLessThan(GOLDEN_THRESHOLD);
  });

  it('refuses Chronos-2 style cases for a Bolt checkpoint with a clear message', async () => {
    const cases = join(dir, 'c2-cases.json');
    writeFileSync(cases, JSON.stringify({ pipeline_cases: [{ name: 'x', api: 'Chronos2Pipeline.predict', inputs: [], prediction_length: 1 }] }));
    await expect(cli('--model', fixtureDir, '--cases', cases, '--out', join(dir, 'x.json'))).rejects.toMatchObject({
      stderr: expect.stringMatching(/a Chronos-Bolt checkpoint needs cases in the Chronos-Bolt golden format/),
    });
  });

  it('--csv forecasts with the Bolt checkpoint through loadForecaster', async () => {
    const csv = join(dir, 'prices.csv');
    const rows = ['Date,Open,High,Low,Close,Volume'];
    for (let i = 0; i < 120; i++) {
      const d = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
      const c = (100 + 5 * Math.sin(i / 6) + i * 0.1).toFixed(2);
      rows.push(`${d},${c},${c},${c},${c},1000`);
    }
    writeFileSync(csv, rows.join('\n') + '\n');
    const out = join(dir, 'csv-out.json');
    await cli('--model', fixtureDir, '--csv', csv, '--horizon', '70', '--out', out, '--no-cache');
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.model).toMatchObject({ kind: 'chronos-bolt', levels: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] });
    expect(result.forecasts[0].quantiles).toHaveLength(9);
    expect(result.forecasts[0].quantiles[0]).toHaveLength(70);
    expect(result.forecasts[0].median[69]).toBe(result.forecasts[0].quantiles[4][69]);
  });
});

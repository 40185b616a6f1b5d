import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { loadForecaster } from '../../../src/core/forecast/model-loader';
import { compareCaseOutputs, GOLDEN_THRESHOLD, worstErrors } from '../../support/golden-metric';
import { cases, configJson, fixturePath } from './golden';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'chronos2-cli-'));
const cli = (...args: string[]) => run('npx', ['tsx', 'src/cli.ts', 'forecast', ...args], { cwd: process.cwd() });
const modelDir = fixturePath('');

describe('forecast CLI', () => {
  it('--cases writes the golden structure, matching the official outputs', async () => {
    const out = join(dir, 'cases-out.json');
    const { stderr } = await cli('--model', modelDir, '--cases', fixturePath('cases.json'), '--out', out);
    expect(stderr).toMatch(/forecast: Chronos-2, 12 model, 8 pipeline cases/);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.model_cases.map((c: { name: string }) => c.name)).toEqual(cases.model_cases.map((c: { name: string }) => c.name));
    const errors = compareCaseOutputs(cases, result);
    expect(errors).toHaveLength(20);
    const worst = worstErrors(errors);
    expect(worst.model).toBeLessThan(GOLDEN_THRESHOLD);
    expect(worst.pipeline).toBeLessThan(GOLDEN_THRESHOLD);
  }, 120_000);

  it('--csv forecasts the close of the file like the in-process forecaster', async () => {
    const days: string[] = [];
    for (let d = new Date('2024-01-01T00:00:00Z'); days.length < 120; d.setUTCDate(d.getUTCDate() + 1)) {
      if (d.getUTCDay() % 6 !== 0) days.push(d.toISOString().slice(0, 10));
    }
    const closes = days.map((_, i) => 100 + i * 0.2 + 3 * Math.sin(i / 5));
    const csv = join(dir, 'TEST.csv');
    writeFileSync(csv, 'Date,Close\n' + days.map((d, i) => `${d},${closes[i].toFixed(4)}`).join('\n') + '\n');
    const out = join(dir, 'csv-out.json');
    const { stderr } = await cli('--model', modelDir, '--csv', csv, '--horizon', '10', '--out', out, '--backend', 'wasm', '--no-cache');
    expect(stderr).toMatch(/forecast: 1 symbol\(s\), horizon 10; TEST expected return .*; 1 computed, 0 reused \(wasm, no cache\)/);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    const [f] = result.forecasts;
    expect(f).toMatchObject({ symbol: 'TEST', lastDate: days.at(-1), lastClose: Number(closes.at(-1)!.toFixed(4)) });
    expect(f.quantiles).toHaveLength(21);
    expect(f.quantiles[0]).toHaveLength(10);

    const forecaster = await loadForecaster(ort, { configJson, weights: new Uint8Array(readFileSync(fixturePath('model.safetensors'))) });
    const [direct] = await forecaster.forecast([{ target: Float64Array.from(closes, (c) => Number(c.toFixed(4))) }], { horizon: 10 });
    await forecaster.dispose?.();
    expect(f.median).toEqual(Array.from(direct.median));
    expect(f.expectedReturn).toBeCloseTo(direct.expectedReturn, 12);

    // The default backend, native onnxruntime, agrees to float32 rounding.
    const nativeOut = join(dir, 'csv-native.json');
    expect((await cli('--model', modelDir, '--csv', csv, '--horizon', '10', '--out', nativeOut, '--cache', join(dir, 'cache'))).stderr).toMatch(/\(native\)/);
    const [n] = JSON.parse(readFileSync(nativeOut, 'utf8')).forecasts;
    n.median.forEach((v: number, t: number) => expect(Math.abs(v - direct.median[t]) / Math.abs(direct.median[t])).toBeLessThan(1e-5));
  }, 120_000);

  it('rejects bad usage with a clear message and exit code 2', async () => {
    await expect(cli('--model', modelDir, '--out', join(dir, 'x.json'))).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/give either --cases FILE or --csv FILE \[--csv F2 \.\.\.\] --horizon H/) });
    await expect(cli('--model', join(dir, 'nowhere'), '--cases', 'c.json', '--out', join(dir, 'x.json'))).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/no config.json there/) });
  }, 60_000);
});

/**
 * `forecast --model DIR_OR_URL (--csv F --horizon H | --cases cases.json) --out F.json [--threads N]`
 *
 * --model: a checkpoint directory, a URL prefix or a catalog id such as amazon/chronos-2 (see
 * model-source.ts), holding config.json and model.safetensors (or model.onnx, a pre-exported graph
 * with the same inputs/outputs).
 * --csv: forecasts the close of every symbol in the file (parsed by the data importer).
 * --cases: runs golden cases (../shared/chronos2-golden format) and writes the outputs in the same
 * structure, for comparison with the official implementation.
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-web';
import { Chronos2Model } from '../core/forecast/chronos2/model';
import { runGoldenCases, type GoldenCaseFile } from '../core/forecast/chronos2/golden-cases';
import { loadForecaster, type ModelFiles } from '../core/forecast/model-loader';
import { isBoltConfig } from '../core/forecast/bolt/config';
import { isBoltCaseFile, runBoltGoldenCases } from '../core/forecast/bolt/golden-cases';
import { loadBoltModel } from '../core/forecast/bolt/load';
import { CliError, numberOption, parseArgs, requireOption, type ParsedArgs } from './args';
import { asCliError, readModelFiles } from './model-source';
import { readSeries } from './read-series';

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv, { options: ['model', 'csv', 'horizon', 'cases', 'out', 'threads'] });
  await asCliError(requireOption(args, 'model'), () => forecast(args));
}

async function forecast(args: ParsedArgs): Promise<void> {
  const modelLocation = requireOption(args, 'model');
  const out = requireOption(args, 'out');
  const casesPath = args.values.cases;
  const csvPath = args.values.csv;
  if (!!casesPath === !!csvPath) throw new CliError('give either --cases FILE or --csv FILE --horizon H');
  ort.env.wasm.numThreads = numberOption(args, 'threads', 1);
  const started = performance.now();
  const files = await readModelFiles(modelLocation);

  if (casesPath) {
    const cases = JSON.parse(await readText(casesPath, '--cases')) as GoldenCaseFile;
    if (isBoltConfig(files.configJson) || isBoltCaseFile(cases)) {
      await runBoltCases(files, cases, casesPath, out, started);
      return;
    }
    const model = await Chronos2Model.create(ort, { configJson: files.configJson as Record<string, unknown>, weights: files.weights, onnx: files.onnx });
    try {
      const result = await runGoldenCases(model, cases);
      await writeFile(out, JSON.stringify(result));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(`forecast: ${result.model_cases.length} model cases and ${result.pipeline_cases.length} pipeline cases -> ${out} (${seconds} s)\n`);
    } finally {
      await model.release();
    }
    return;
  }

  const horizon = numberOption(args, 'horizon', NaN);
  if (!Number.isInteger(horizon) || horizon < 1) throw new CliError('--horizon must be a positive integer (trading days ahead)');
  const series = await readSeries(csvPath!);
  const forecaster = await loadForecaster(ort, files);
  try {
    const requests = series.map((s) => ({ target: s.close }));
    const forecasts = await forecaster.forecast(requests, { horizon });
    const rows = (values: Float64Array, count: number) => Array.from({ length: count }, (_, q) => Array.from(values.subarray(q * horizon, (q + 1) * horizon)));
    const result = {
      model: { location: modelLocation, ...forecaster.info },
      horizon,
      forecasts: series.map((s, i) => {
        const f = forecasts[i];
        return {
          symbol: s.symbol,
          lastDate: s.dates[s.dates.length - 1],
          lastClose: s.close[s.close.length - 1],
          levels: f.levels,
          quantiles: rows(f.quantiles, f.levels.length),
          median: Array.from(f.median),
          interval80: f.interval80 && { lower: Array.from(f.interval80.lower), upper: Array.from(f.interval80.upper) },
          interval95: f.interval95 && { lower: Array.from(f.interval95.lower), upper: Array.from(f.interval95.upper) },
          expectedReturn: f.expectedReturn,
          confidence: f.confidence,
        };
      }),
    };
    await writeFile(out, JSON.stringify(result, null, 1));
    const first = result.forecasts[0];
    process.stderr.write(
      `forecast: ${result.forecasts.length} symbol(s), horizon ${horizon}; ${first.symbol} expected return ${(first.expectedReturn * 100).toFixed(2)}%, confidence ${first.confidence.toFixed(2)} -> ${out}\n`,
    );
  } finally {
    await forecaster.dispose?.();
  }
}

/** --cases with a Chronos-Bolt checkpoint: cases in the ../shared/chronos-bolt-golden format. */
async function runBoltCases(files: ModelFiles, cases: unknown, casesPath: string, out: string, started: number): Promise<void> {
  const configJson = files.configJson as Record<string, unknown>;
  if (!isBoltConfig(configJson)) throw new CliError(`--cases ${casesPath}: Chronos-Bolt cases need a Chronos-Bolt checkpoint (--model)`);
  if (!isBoltCaseFile(cases)) throw new CliError(`--cases ${casesPath}: a Chronos-Bolt checkpoint needs cases in the Chronos-Bolt golden format`);
  const model = await loadBoltModel(ort, { configJson, weights: files.weights, onnx: files.onnx });
  try {
    const result = await runBoltGoldenCases(model, cases);
    await writeFile(out, JSON.stringify(result));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `forecast: Chronos-Bolt, ${result.model_cases.length} model, ${result.pipeline_cases.length} pipeline and ${result.embed_cases.length} embed cases -> ${out} (${seconds} s)\n`,
    );
  } finally {
    await model.dispose();
  }
}

async function readText(path: string, option: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`${option} ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
  }
}

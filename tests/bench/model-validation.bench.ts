/**
 * What checking a checkpoint costs, against loading it, on the full-size amazon/chronos-2 layout (random
 * weights, models/recipes/chronos2-base.config.json): the checks every load runs (config.json, the exact
 * tensor set / shapes / byte ranges of the safetensors header), aimed at < 5% of the load; and the
 * NaN/Infinity scan of every weight, which costs more than that and so runs only when files are downloaded
 * or picked. The load (graph build + ORT session, WASM) includes the per-load checks.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { writeRandomChronos2Checkpoint } from '../../models/recipes/chronos2-random-checkpoint';
import { readCheckpoint } from '../../src/core/forecast/checkpoint-check';
import { chronos2TensorShapes } from '../../src/core/forecast/chronos2/checkpoint-layout';
import { parseChronos2Config } from '../../src/core/forecast/chronos2/config';
import { Chronos2Model } from '../../src/core/forecast/chronos2/model';
import { measure, type BenchCase } from './harness';

const RECIPE = 'models/recipes/chronos2-base.config.json';
const DIR = 'bench-models/chronos2-base';
const AIM = 0.05;

function checkpoint(): { configJson: Record<string, unknown>; weights: Uint8Array } {
  if (!existsSync(`${DIR}/model.safetensors`)) return writeRandomChronos2Checkpoint(RECIPE, DIR);
  return { configJson: JSON.parse(readFileSync(`${DIR}/config.json`, 'utf8')), weights: new Uint8Array(readFileSync(`${DIR}/model.safetensors`)) };
}

export const benchCases: BenchCase[] = [
  {
    name: 'model validation',
    async run() {
      ort.env.wasm.numThreads = 2;
      const { configJson, weights } = checkpoint();
      const mib = `${(weights.byteLength / 2 ** 20).toFixed(0)} MiB`;
      const validate = (scanWeights: boolean) => readCheckpoint(weights, chronos2TensorShapes(parseChronos2Config(configJson)), { scanWeights });
      const header = await measure(() => validate(false), { runs: 5, warmup: 1 });
      const full = await measure(() => validate(true), { runs: 5, warmup: 1 });
      const load = await measure(async () => (await Chronos2Model.create(ort, { configJson, weights })).release(), { runs: 3, warmup: 0 });
      const withoutChecks = load.medianMs - header.medianMs;
      const share = header.medianMs / withoutChecks;
      const scanShare = full.medianMs / withoutChecks;
      const gbPerSecond = weights.byteLength / 1e9 / (full.medianMs / 1000);
      return [
        {
          work: 'amazon/chronos-2 checks at every load: config.json + header (tensor set, shapes, byte ranges)',
          size: mib,
          medianMs: header.medianMs,
          aim: `< ${AIM * 100}% of load: ${(share * 100).toFixed(2)}% ${share < AIM ? 'met' : 'NOT met'}`,
        },
        {
          work: 'amazon/chronos-2 checks + NaN/Infinity scan of every weight (at download / file pick only)',
          size: mib,
          medianMs: full.medianMs,
          throughput: `${gbPerSecond.toFixed(1)} GB/s`,
          reference: `${(scanShare * 100).toFixed(0)}% of a load`,
        },
        { work: 'amazon/chronos-2 load with the per-load checks (graph build + ORT session, WASM, 2 threads)', size: mib, medianMs: load.medianMs, peakMiB: load.peakMiB },
      ];
    },
  },
];

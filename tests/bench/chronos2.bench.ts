/**
 * Chronos-2 at full size with random weights (the real configs of amazon/chronos-2 and
 * autogluon/chronos-2-small, models/recipes/), WASM in Node with 2 threads: load time and peak memory,
 * forward latency for context 512/2048 x batch 1/16 at horizon 64, and the ratio to the theoretical floor
 * = forward FLOPs / this machine's measured ORT MatMul throughput, re-measured right before each forward case
 * so that a busy machine (2 cores shared with other jobs) shows up in both numbers.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { writeRandomChronos2Checkpoint } from '../../models/recipes/chronos2-random-checkpoint';
import { parseChronos2Config, type Chronos2Config } from '../../src/core/forecast/chronos2/config';
import { Chronos2Model } from '../../src/core/forecast/chronos2/model';
import { GraphBuilder } from '../../src/core/onnx/graph-builder';
import { measure, type BenchCase, type BenchRow } from './harness';

const THREADS = 2;
const HORIZON_PATCHES = 4; // horizon 64
const MODELS = [
  { name: 'amazon/chronos-2', recipe: 'models/recipes/chronos2-base.config.json', dir: 'bench-models/chronos2-base', aim512: 500 },
  { name: 'autogluon/chronos-2-small', recipe: 'models/recipes/chronos2-small.config.json', dir: 'bench-models/chronos2-small' },
];
const SHAPES = [
  { context: 512, batch: 1 },
  { context: 2048, batch: 1 },
  { context: 512, batch: 16 },
  { context: 2048, batch: 16 },
];

/** Multiply-adds x 2 of one forward pass as the model defines it (not counting our fused extras). */
export function forwardFlops(c: Chronos2Config, context: number, batch: number, outputPatches: number): number {
  const N = Math.ceil(Math.min(context, c.contextLength) / c.patchSize);
  const S = N + (c.useRegToken ? 1 : 0) + outputPatches;
  const D = c.dModel, F = c.dFf, I = c.numHeads * c.dKv, P = c.patchSize, QP = c.quantiles.length * c.patchSize;
  const embed = (N + outputPatches) * (3 * P * F + F * D + 3 * P * D);
  const perLayer = S * (2 * 4 * D * I + 2 * D * F) + 2 * S * S * I + 2 * S * batch * I;
  const head = outputPatches * (D * F + F * QP + D * QP);
  return 2 * batch * (embed + c.numLayers * perLayer + head);
}

/** GFLOP/s of one ORT MatMul [m, k] x [k, n] (B an initializer, like model weights): the machine's floor. */
async function matMulThroughput(m: number, k: number, n: number): Promise<number> {
  const g = new GraphBuilder('matmul');
  const a = g.input('a', 'float32', [m, k]);
  const w = g.initializer('w', Float32Array.from({ length: k * n }, (_, i) => Math.sin(i)), [k, n]);
  g.output(g.matMul(a, w), 'y', 'float32', [m, n]);
  const session = await ort.InferenceSession.create(g.toBytes(), { executionProviders: ['wasm'] });
  const feeds = { a: new ort.Tensor('float32', Float32Array.from({ length: m * k }, (_, i) => Math.cos(i)), [m, k]) };
  const { medianMs } = await measure(() => session.run(feeds), { runs: 10, warmup: 2 });
  await session.release();
  return (2 * m * k * n) / (medianMs / 1000) / 1e9;
}

function loadCheckpoint(model: (typeof MODELS)[number]): { configJson: Record<string, unknown>; weights: Uint8Array } {
  if (!existsSync(`${model.dir}/model.safetensors`)) return writeRandomChronos2Checkpoint(model.recipe, model.dir);
  return { configJson: JSON.parse(readFileSync(`${model.dir}/config.json`, 'utf8')), weights: new Uint8Array(readFileSync(`${model.dir}/model.safetensors`)) };
}

/**
 * `firstInProcess`: RSS growth measures load memory only for the first model a process loads (the WASM heap
 * never shrinks, so a second model reuses the first one's pages).
 */
async function benchModel(model: (typeof MODELS)[number], firstInProcess: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const push = (row: BenchRow) => {
    rows.push(row);
    process.stderr.write(`  ${row.work} | ${row.size} | ${row.medianMs.toFixed(0)} ms | ${row.reference ?? ''} | peak ${row.peakMiB === undefined ? 'n/a (not first in process)' : row.peakMiB.toFixed(0) + ' MiB'}\n`);
  };
  let { configJson, weights } = loadCheckpoint(model);
  const config = parseChronos2Config(configJson);
  const weightMiB = weights.byteLength / 2 ** 20;
  let loaded: Chronos2Model | undefined;
  const load = await measure(async () => {
    loaded = await Chronos2Model.create(ort, { configJson, weights });
  }, { runs: 1, warmup: 0 });
  weights = new Uint8Array(0); // let the checkpoint bytes go
  push({
    work: `${model.name} load (build graph + ORT session)`,
    size: `${weightMiB.toFixed(0)} MiB float32 weights`,
    medianMs: load.medianMs,
    peakMiB: firstInProcess ? load.peakMiB : undefined,
    throughput: `${(weightMiB / (load.medianMs / 1000)).toFixed(0)} MiB/s`,
    aim: firstInProcess ? `peak growth < ${(2 * weightMiB).toFixed(0)} MiB (2x weights): ${load.peakMiB < 2 * weightMiB ? 'met' : 'not met'}` : undefined,
  });
  const session = loaded!;
  for (const { context, batch } of SHAPES) {
    const input = {
      context: Float32Array.from({ length: batch * context }, (_, i) => 100 + Math.sin(i / 9) * 5 + (i % context) * 0.01),
      rows: batch,
      length: context,
      numOutputPatches: HORIZON_PATCHES,
    };
    const gflops = await matMulThroughput(512, config.dModel, config.dFf);
    const heavy = batch * context >= 16 * 2048;
    const { medianMs, peakMiB } = await measure(() => session.forward(input), heavy ? { runs: 2, warmup: 0 } : { runs: 3, warmup: 1 });
    const flops = forwardFlops(config, context, batch, HORIZON_PATCHES);
    const floorMs = (flops / (gflops * 1e9)) * 1000;
    const aim = model.aim512 && context === 512 && batch === 1 ? `< ${model.aim512} ms: ${medianMs < model.aim512 ? 'met' : 'not met'}` : undefined;
    push({
      work: `${model.name} forward, WASM ${THREADS} threads`,
      size: `ctx ${context}, batch ${batch}, horizon ${HORIZON_PATCHES * config.patchSize}`,
      medianMs,
      throughput: `${(flops / 1e9).toFixed(1)} GFLOP, ${(flops / (medianMs / 1000) / 1e9).toFixed(1)} GFLOP/s`,
      peakMiB,
      reference: `floor ${floorMs.toFixed(0)} ms at ${gflops.toFixed(1)} GFLOP/s MatMul: ${(medianMs / floorMs).toFixed(1)}x`,
      aim,
    });
  }
  await session.release();
  return rows;
}

export const benchCases: BenchCase[] = [
  {
    name: 'chronos2 full-size forward (random weights)',
    run: async () => {
      ort.env.wasm.numThreads = THREADS;
      const rows: BenchRow[] = [];
      for (const [i, model] of MODELS.entries()) rows.push(...(await benchModel(model, i === 0)));
      return rows;
    },
  },
];

/**
 * One Chronos-Bolt benchmark process (spawned by bolt.bench.ts): onnxruntime-web fixes its WASM thread
 * count when it first initialises, so every thread count needs a fresh process.
 *   tsx tests/bench/bolt-child.ts <checkpoint dir> <numThreads>  → one JSON line on stdout
 */
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBoltConfig } from '../../src/core/forecast/bolt/config';
import { ChronosBoltModel } from '../../src/core/forecast/bolt/model';
import { ChronosBoltPipeline } from '../../src/core/forecast/bolt/pipeline';
import { readSafetensors } from '../../src/core/onnx/safetensors';
import { measure, randomPriceWalks } from './harness';

const [dir, threads] = process.argv.slice(2);
ort.env.wasm.numThreads = Number(threads);

const start = performance.now();
const config = parseBoltConfig(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
const model = await ChronosBoltModel.create(ort, config, readSafetensors(new Uint8Array(readFileSync(join(dir, 'model.safetensors')))));
const loadMs = performance.now() - start;

/** CPU time of this process (all its threads), which other processes on a busy machine do not inflate. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const pipeline = new ChronosBoltPipeline(model);
const latency: Record<number, number> = {};
const cpu: Record<number, number> = {};
for (const batch of [1, 16]) {
  // Random walks around 100 so the instance norm sees price-like data.
  const inputs = randomPriceWalks(batch, 512).map((s) => Float32Array.from(s));
  const cpuTimes: number[] = [];
  const forecast = async () => {
    const before = cpuMs();
    await pipeline.predict(inputs, { predictionLength: 64 });
    cpuTimes.push(cpuMs() - before);
  };
  latency[batch] = (await measure(forecast, { runs: 12, warmup: 3 })).medianMs;
  cpu[batch] = cpuTimes.slice(3).sort((a, b) => a - b)[Math.floor((cpuTimes.length - 3) / 2)];
}
await model.dispose();
process.stdout.write(JSON.stringify({ loadMs, latency, cpu }) + '\n');

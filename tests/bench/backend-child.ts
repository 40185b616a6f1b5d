/**
 * One native-vs-WASM benchmark process (spawned by backends.bench.ts), so each backend starts from a clean
 * heap and onnxruntime-web's thread count can be set before it initialises:
 *   tsx tests/bench/backend-child.ts <native|wasm> <checkpoint dir> → one JSON line on stdout
 * Times the whole forecast (pre-processing, one model call for horizon 64, quantile summary) for context
 * 512 at batch 1 and 16, wall and process CPU time, and returns the quantiles of one series so the parent can
 * check that both backends agree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeRuntime, type BackendName } from '../../src/cli/onnx-runtime';
import { loadForecaster } from '../../src/core/forecast/model-loader';
import { measure, randomPriceWalks } from './harness';

const [backend, dir] = process.argv.slice(2) as [BackendName, string];
const runtime = await nodeRuntime(backend, { threads: 2, notice: (line) => { throw new Error(line); } });

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const started = performance.now();
const forecaster = await loadForecaster(runtime.ort, {
  configJson: readFileSync(join(dir, 'config.json'), 'utf8'),
  weights: new Uint8Array(readFileSync(join(dir, 'model.safetensors'))),
}, { executionProviders: runtime.executionProviders });
const loadMs = performance.now() - started;

const latency: Record<number, number> = {};
const cpu: Record<number, number> = {};
let sample: number[] = [];
for (const batch of [1, 16]) {
  const requests = randomPriceWalks(batch, 512).map((target) => ({ target }));
  const cpuTimes: number[] = [];
  const heavy = batch === 16 && forecaster.info.kind === 'chronos-2' && loadMs > 1500;
  const runs = heavy ? 3 : 7;
  const warmup = 1;
  const { medianMs } = await measure(async () => {
    const before = cpuMs();
    const [first] = await forecaster.forecast(requests, { horizon: 64 });
    cpuTimes.push(cpuMs() - before);
    if (batch === 1) sample = Array.from(first.quantiles);
  }, { runs, warmup });
  latency[batch] = medianMs;
  cpu[batch] = [...cpuTimes.slice(warmup)].sort((a, b) => a - b)[Math.floor(runs / 2)];
}
await forecaster.dispose?.();
process.stdout.write(JSON.stringify({ loadMs, latency, cpu, sample }) + '\n');

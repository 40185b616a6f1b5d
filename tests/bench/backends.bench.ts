/**
 * Native onnxruntime (onnxruntime-node, CPU) vs onnxruntime-web WASM (2 threads) in Node, on the same graphs
 * built from random full-size checkpoints (models/recipes/: Chronos-2, Chronos-2 small, Chronos-Bolt tiny and
 * small): forecast latency at context 512, horizon 64, batch 1 and 16, each backend in its own process.
 * "agree" is the largest relative difference between the two backends' quantiles for one series.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRandomChronos2Checkpoint } from '../../models/recipes/chronos2-random-checkpoint';
import { ensureBoltCheckpoint } from './bolt.bench';
import type { BenchCase, BenchRow } from './harness';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

interface ChildResult {
  loadMs: number;
  latency: Record<string, number>;
  cpu: Record<string, number>;
  sample: number[];
}

function runChild(backend: 'native' | 'wasm', dir: string): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'tests/bench/backend-child.ts'), backend, dir], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

export function chronos2Checkpoint(recipe: string, name: string): string {
  const dir = join(root, 'bench-models', name);
  if (!existsSync(join(dir, 'model.safetensors'))) writeRandomChronos2Checkpoint(join(root, 'models/recipes', recipe), dir);
  return dir;
}

const models = [
  { label: 'amazon/chronos-2', dir: () => chronos2Checkpoint('chronos2-base.config.json', 'chronos2-base'), aimMs: 100 },
  { label: 'autogluon/chronos-2-small', dir: () => chronos2Checkpoint('chronos2-small.config.json', 'chronos2-small') },
  { label: 'Chronos-Bolt tiny', dir: () => ensureBoltCheckpoint('tiny') },
  { label: 'Chronos-Bolt small', dir: () => ensureBoltCheckpoint('small') },
];

function maxRelativeDifference(a: number[], b: number[]): number {
  let worst = 0;
  a.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b[i]) / (Math.abs(b[i]) + 1e-12))));
  return worst;
}

export const benchCases: BenchCase[] = [
  {
    name: 'native vs wasm (onnxruntime-node vs onnxruntime-web)',
    run: async () => {
      const rows: BenchRow[] = [];
      for (const model of models) {
        const dir = model.dir();
        const results = { native: runChild('native', dir), wasm: runChild('wasm', dir) };
        const agree = maxRelativeDifference(results.native.sample, results.wasm.sample);
        for (const batch of [1, 16]) {
          const [native, wasm] = [results.native.latency[batch], results.wasm.latency[batch]];
          const aim = model.aimMs && batch === 1 ? `< ${model.aimMs} ms native: ${native < model.aimMs ? 'met' : 'NOT met'}` : undefined;
          rows.push({
            work: `${model.label} (random weights) forecast, native onnxruntime`,
            size: `ctx 512, horizon 64, batch ${batch}`,
            medianMs: native,
            throughput: `${((batch * 1000) / native).toFixed(1)} series/s; CPU ${results.native.cpu[batch].toFixed(0)} ms`,
            reference: `WASM 2 threads ${wasm.toFixed(1)} ms (CPU ${results.wasm.cpu[batch].toFixed(0)} ms): ${(wasm / native).toFixed(1)}x; agree ${agree.toExponential(1)}`,
            aim,
          });
        }
      }
      return rows;
    },
  },
];

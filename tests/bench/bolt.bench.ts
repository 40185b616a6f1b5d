/**
 * Chronos-Bolt speed on random FULL-SIZE checkpoints (configs of amazon/chronos-bolt-tiny and -small,
 * models/recipes/), WASM in Node: load time (read + parse + build graph + create session) and forecast
 * latency for context 512, horizon 64 (one model call), batch 1 and 16, with 1 and 2 threads.
 * Checkpoints are generated once into the git-ignored bench-models/. Each row also gives the process CPU
 * time per forecast, which stays meaningful when other jobs load the machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBoltConfig } from '../../src/core/forecast/bolt/config';
import { randomBoltCheckpoint } from '../../models/recipes/bolt-random-checkpoint';
import type { BenchCase, BenchRow } from './harness';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export function ensureBoltCheckpoint(size: string): string {
  const dir = join(root, 'bench-models', `bolt-${size}`);
  if (!existsSync(join(dir, 'model.safetensors'))) {
    const configText = readFileSync(join(root, 'models/recipes', `bolt-${size}.config.json`), 'utf8');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), configText);
    writeFileSync(join(dir, 'model.safetensors'), randomBoltCheckpoint(parseBoltConfig(JSON.parse(configText)), 2024));
  }
  return dir;
}

interface ChildResult {
  loadMs: number;
  /** Median wall time and median process CPU time per forecast, by batch size. */
  latency: Record<string, number>;
  cpu: Record<string, number>;
}

function runChild(dir: string, threads: number): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'tests/bench/bolt-child.ts'), dir, String(threads)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

export const benchCases: BenchCase[] = [
  {
    name: 'chronos-bolt',
    run: async () => {
      const rows: BenchRow[] = [];
      for (const size of ['tiny', 'small']) {
        const dir = ensureBoltCheckpoint(size);
        for (const threads of [1, 2]) {
          const { loadMs, latency, cpu } = runChild(dir, threads);
          const label = `Chronos-Bolt ${size} (random weights), WASM ${threads} thread${threads > 1 ? 's' : ''}`;
          rows.push({ work: `${label}: load`, size: 'read + parse + graph + session', medianMs: loadMs });
          for (const batch of [1, 16]) {
            const ms = latency[batch];
            rows.push({
              work: `${label}: forecast`,
              size: `context 512, horizon 64, batch ${batch}`,
              medianMs: ms,
              // CPU time shows the cost on an idle machine when other jobs share the cores during the run.
              throughput: `${((batch * 1000) / ms).toFixed(0)} series/s; CPU ${cpu[batch].toFixed(1)} ms`,
              aim: size === 'tiny' && batch === 1 ? `< 30 ms: ${ms < 30 ? 'met' : 'NOT met'}` : undefined,
            });
          }
        }
      }
      return rows;
    },
  },
];

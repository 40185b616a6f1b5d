/**
 * Tiny benchmark harness: every `*.bench.ts` file in this folder exports `benchCases`,
 * and `run.ts` prints one table of all of them. Speed goals live here, never in unit tests.
 */
export interface BenchRow {
  /** What was run, in words (e.g. "EMA+MACD+RSI+features"). */
  work: string;
  /** Problem size in words (e.g. "1M bars"). */
  size: string;
  /** Median wall time in milliseconds over the measured runs. */
  medianMs: number;
  /** Throughput in words (e.g. "12.3 M bars/s"); empty when meaningless. */
  throughput?: string;
  /** Peak resident memory growth in MiB during the runs, when relevant. */
  peakMiB?: number;
  /** The same work done by a reference implementation, when one is available. */
  reference?: string;
  /** The aim, e.g. "< 1000 ms", and whether it was met. */
  aim?: string;
}

export interface BenchCase {
  name: string;
  run: () => Promise<BenchRow[]>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time of `runs` calls after `warmup` calls; also tracks the peak RSS growth. */
export async function measure(
  fn: () => unknown | Promise<unknown>,
  { runs = 5, warmup = 1 }: { runs?: number; warmup?: number } = {},
): Promise<{ medianMs: number; timesMs: number[]; peakMiB: number }> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    for (let i = 0; i < warmup; i++) await fn();
    const timesMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await fn();
      timesMs.push(performance.now() - start);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    return { medianMs: median(timesMs), timesMs, peakMiB: (peak - baseline) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

export function formatTable(rows: BenchRow[]): string {
  const header = ['work', 'size', 'median ms', 'throughput', 'peak MiB', 'reference', 'aim'];
  const body = rows.map((r) => [
    r.work,
    r.size,
    r.medianMs.toFixed(r.medianMs < 10 ? 2 : 1),
    r.throughput ?? '',
    r.peakMiB === undefined ? '' : r.peakMiB.toFixed(0),
    r.reference ?? '',
    r.aim ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(header), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...body.map(line)].join('\n');
}

/** `count` random walks of `length` steps around 100 (a fixed seed), price-like inputs for the model benches. */
export function randomPriceWalks(count: number, length: number): Float64Array[] {
  let state = 12345;
  const uniform = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => {
    const s = new Float64Array(length);
    let level = 100;
    for (let t = 0; t < length; t++) s[t] = level += uniform() - 0.5;
    return s;
  });
}

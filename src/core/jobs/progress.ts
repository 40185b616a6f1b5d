/**
 * Every long job (model download, training, backtest, forecast batch, import) reports through one
 * typed event stream, so a single job-tray component can render them all. The core knows nothing
 * of the UI: it only calls `onProgress`.
 */
export type JobKind = 'import' | 'download' | 'load-model' | 'forecast' | 'evaluate' | 'train' | 'backtest' | 'sweep';

export type ProgressEvent =
  | { status: 'start'; kind: JobKind; label: string }
  /** `done` and `total` are in `unit` (bytes, bars, folds, dates...); `total` may be unknown. */
  | { status: 'progress'; done: number; total?: number; unit?: string; message?: string }
  | { status: 'done'; message?: string }
  | { status: 'error'; message: string }
  | { status: 'cancelled' };

export type ProgressListener = (event: ProgressEvent) => void;

/** Options every long-running core function accepts. */
export interface JobOptions {
  /** Aborting stops the job promptly with a `CancelledError`; stored data stays untouched. */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export class CancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/**
 * Yields to the event loop so that a worker can receive a cancel message in the middle of a
 * synchronous-looking loop; then throws if the job was cancelled. Call it every few milliseconds
 * of work (not every iteration: a macrotask costs ~1 ms in browsers).
 */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  throwIfCancelled(signal);
}

/** Calls `checkpoint` at most every `intervalMs` of wall time; cheap to call in a hot loop. */
export function makeCheckpointer(signal: AbortSignal | undefined, intervalMs = 50): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < intervalMs) return undefined;
    last = now;
    return checkpoint(signal);
  };
}

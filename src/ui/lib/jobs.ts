/**
 * The UI side of long jobs: every download, training, forecast or backtest is registered here,
 * fed with the typed ProgressEvents of src/core/jobs/progress.ts, and rendered by the job tray
 * with progress, time left and a cancel button. Results and failures end as toasts.
 *
 *   const report = await runJob('backtest', 'Backtest SPX', async ({ jobId, onProgress }) =>
 *     (await computeWorker()).backtest(jobId, config, proxy(onProgress)),
 *     { cancel: async (jobId) => (await computeWorker()).cancel(jobId) });
 */
import { derived, writable } from 'svelte/store';
import type { JobKind, ProgressEvent } from '../../core/jobs/progress';
import { errorDetails, toast } from './toasts';

export type JobStatus = 'running' | 'done' | 'error' | 'cancelled';

export interface JobView {
  id: string;
  kind: JobKind;
  label: string;
  status: JobStatus;
  done: number;
  total?: number;
  unit?: string;
  message?: string;
  startedAt: number;
  /** Estimated milliseconds left, from the average rate so far; undefined while unknown. */
  etaMs?: number;
  cancellable: boolean;
}

export const jobs = writable<JobView[]>([]);
export const runningJobs = derived(jobs, (list) => list.filter((j) => j.status === 'running'));

const cancellers = new Map<string, () => unknown>();
let counter = 0;

export function newJobId(kind: JobKind): string {
  counter += 1;
  return `${kind}-${Date.now().toString(36)}-${counter}`;
}

/** Time left = work left / average rate since the first progress; unknown without a total. */
export function estimateTimeLeft(done: number, total: number | undefined, elapsedMs: number): number | undefined {
  if (total === undefined || !(total > 0) || !(done > 0) || elapsedMs <= 0) return undefined;
  return Math.max(0, ((total - done) * elapsedMs) / done);
}

function patch(id: string, change: (job: JobView) => Partial<JobView>): void {
  jobs.update((list) => list.map((j) => (j.id === id ? { ...j, ...change(j) } : j)));
}

/** Applies one ProgressEvent to the job's view. */
export function applyProgress(id: string, event: ProgressEvent, now = performance.now()): void {
  switch (event.status) {
    case 'start':
      patch(id, () => ({ label: event.label, kind: event.kind }));
      break;
    case 'progress':
      patch(id, (job) => ({
        done: event.done,
        total: event.total,
        unit: event.unit,
        message: event.message ?? job.message,
        etaMs: estimateTimeLeft(event.done, event.total, now - job.startedAt),
      }));
      break;
    case 'done':
      // Keeps the job's last message (e.g. "forecasts: 240 computed, 0 reused") when the final event has none.
      patch(id, (job) => ({ status: 'done', message: event.message ?? job.message, etaMs: 0 }));
      break;
    case 'error':
      patch(id, () => ({ status: 'error', message: event.message }));
      break;
    case 'cancelled':
      patch(id, () => ({ status: 'cancelled' }));
      break;
  }
}

export function cancelJob(id: string): void {
  cancellers.get(id)?.();
}

/** Removes finished jobs from the tray. */
export function clearFinishedJobs(): void {
  jobs.update((list) => list.filter((j) => j.status === 'running'));
}

export interface JobContext {
  jobId: string;
  /** Pass to core functions (or wrap with comlink's `proxy` for a worker). */
  onProgress: (event: ProgressEvent) => void;
  /** Aborted when the user cancels; in-thread jobs pass it to core functions. */
  signal: AbortSignal;
}

export interface RunJobOptions<T = unknown> {
  /** How to stop a job running elsewhere (e.g. `worker.cancel(jobId)`); the signal is always aborted. */
  cancel?: (jobId: string) => unknown;
  /** Toast text on success; false for no toast. */
  successMessage?: string | false;
  /** False when the caller shows the failure itself (next to its button), so it is said once, not twice. */
  errorToast?: boolean;
  /**
   * The tray's last word on a job that returned normally, when the result itself may be a failure (a fetch of
   * several symbols returns each one's outcome instead of throwing): 'error' marks the job failed in the tray.
   */
  outcome?: (result: T) => { status: 'done' | 'error'; message: string };
}

function isCancellation(error: unknown): boolean {
  return error instanceof Error && (error.name === 'CancelledError' || error.name === 'AbortError' || /cancel/i.test(error.message));
}

/** Runs a job with tray entry, progress, cancel and a result toast; rethrows failures. */
export async function runJob<T>(kind: JobKind, label: string, work: (ctx: JobContext) => Promise<T>, options: RunJobOptions<T> = {}): Promise<T> {
  const jobId = newJobId(kind);
  const controller = new AbortController();
  cancellers.set(jobId, () => {
    controller.abort();
    options.cancel?.(jobId);
  });
  jobs.update((list) => [
    ...list,
    { id: jobId, kind, label, status: 'running', done: 0, startedAt: performance.now(), cancellable: true },
  ]);
  try {
    const result = await work({ jobId, onProgress: (event) => applyProgress(jobId, event), signal: controller.signal });
    if (controller.signal.aborted) throw Object.assign(new Error('Cancelled'), { name: 'CancelledError' });
    applyProgress(jobId, options.outcome ? options.outcome(result) : { status: 'done' });
    if (options.successMessage !== false) toast('success', options.successMessage ?? `${label}: done`);
    return result;
  } catch (error) {
    if (controller.signal.aborted || isCancellation(error)) {
      applyProgress(jobId, { status: 'cancelled' });
      toast('info', `${label}: cancelled`);
    } else {
      const { message, details } = errorDetails(error);
      applyProgress(jobId, { status: 'error', message });
      if (options.errorToast !== false) toast('error', `${label} failed: ${message}`, details);
    }
    throw error;
  } finally {
    cancellers.delete(jobId);
  }
}

/**
 * Job bookkeeping shared by both workers' APIs: each long call gets a job id and an AbortController,
 * so the UI can cancel it with `cancel(jobId)` while the job awaits its periodic checkpoints.
 * Each worker is its own JavaScript realm, so each has its own table of running jobs.
 */
const running = new Map<string, AbortController>();

/** Registers a job and returns its signal; call `finishJob` in a `finally` (or use `withJob`). */
export function startJob(jobId: string): AbortSignal {
  const controller = new AbortController();
  running.set(jobId, controller);
  return controller.signal;
}

export function finishJob(jobId: string): void {
  running.delete(jobId);
}

/** Runs `work` as job `jobId`: cancellable while it runs, forgotten when it ends. */
export async function withJob<T>(jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = startJob(jobId);
  try {
    return await work(signal);
  } finally {
    finishJob(jobId);
  }
}

export const jobsApi = {
  cancel(jobId: string): boolean {
    const controller = running.get(jobId);
    controller?.abort();
    return controller !== undefined;
  },
};

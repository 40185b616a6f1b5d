/**
 * Job bookkeeping shared by every worker API: each long call gets a job id and an AbortController,
 * so the UI can cancel it with `cancel(jobId)` while the job awaits its periodic checkpoints.
 */
const running = new Map<string, AbortController>();

/** Registers a job and returns its signal; call `finishJob` in a `finally`. */
export function startJob(jobId: string): AbortSignal {
  const controller = new AbortController();
  running.set(jobId, controller);
  return controller.signal;
}

export function finishJob(jobId: string): void {
  running.delete(jobId);
}

export const jobsApi = {
  cancel(jobId: string): boolean {
    const controller = running.get(jobId);
    controller?.abort();
    return controller !== undefined;
  },
};

import { get } from 'svelte/store';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyProgress, cancelJob, clearFinishedJobs, estimateTimeLeft, jobs, runJob, type JobView } from '../../../src/ui/lib/jobs';
import { toasts } from '../../../src/ui/lib/toasts';
import { CancelledError, checkpoint } from '../../../src/core/jobs/progress';

beforeEach(() => {
  jobs.set([]);
  toasts.set([]);
});

describe('job store', () => {
  it('estimates time left from the average rate so far', () => {
    expect(estimateTimeLeft(25, 100, 1000)).toBe(3000); // 25 units/s, 75 left
    expect(estimateTimeLeft(0, 100, 1000)).toBeUndefined();
    expect(estimateTimeLeft(10, undefined, 1000)).toBeUndefined();
  });

  it('tracks a job from progress to done and toasts the result', async () => {
    let seen: JobView[] = [];
    const result = await runJob('train', 'Train AAA', async ({ jobId, onProgress }) => {
      onProgress({ status: 'progress', done: 3, total: 4, unit: 'folds', message: 'fold 3' });
      seen = get(jobs);
      expect(seen[0].id).toBe(jobId);
      return 42;
    });
    expect(result).toBe(42);
    expect(seen[0]).toMatchObject({ label: 'Train AAA', status: 'running', done: 3, total: 4, unit: 'folds', message: 'fold 3' });
    expect(get(jobs)[0].status).toBe('done');
    expect(get(toasts).map((t) => [t.kind, t.message])).toEqual([['success', 'Train AAA: done']]);
    clearFinishedJobs();
    expect(get(jobs)).toEqual([]);
  });

  it('cancels through the signal and the remote canceller, and says so', async () => {
    const remote: string[] = [];
    const run = runJob('backtest', 'Backtest', async ({ signal }) => {
      for (;;) await checkpoint(signal);
    }, { cancel: (jobId) => remote.push(jobId) });
    await new Promise((r) => setTimeout(r, 5));
    const [job] = get(jobs);
    cancelJob(job.id);
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(remote).toEqual([job.id]);
    expect(get(jobs)[0].status).toBe('cancelled');
    expect(get(toasts)[0]).toMatchObject({ kind: 'info', message: 'Backtest: cancelled' });
  });

  it('keeps failures as error toasts with details', async () => {
    await expect(runJob('download', 'Download model', async () => {
      throw new Error('HTTP 404');
    })).rejects.toThrow('HTTP 404');
    expect(get(jobs)[0]).toMatchObject({ status: 'error', message: 'HTTP 404' });
    const [t] = get(toasts);
    expect(t).toMatchObject({ kind: 'error', message: 'Download model failed: HTTP 404' });
    expect(t.details).toContain('Error: HTTP 404');
  });

  it('leaves the failure to the caller when asked, so it is shown once', async () => {
    await expect(runJob('evaluate', 'Evaluate', async () => {
      throw new Error('model would not start');
    }, { errorToast: false })).rejects.toThrow('model would not start');
    expect(get(jobs)[0]).toMatchObject({ status: 'error', message: 'model would not start' });
    expect(get(toasts)).toEqual([]);
  });

  it('applies worker events to a job by id', () => {
    jobs.set([{ id: 'j', kind: 'forecast', label: 'x', status: 'running', done: 0, startedAt: 0, cancellable: true }]);
    applyProgress('j', { status: 'start', kind: 'forecast', label: 'Forecasting SPX' });
    applyProgress('j', { status: 'progress', done: 1, total: 4 }, 2000);
    expect(get(jobs)[0]).toMatchObject({ label: 'Forecasting SPX', done: 1, total: 4, etaMs: 6000 });
  });
});

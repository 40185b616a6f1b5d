import { describe, expect, it } from 'vitest';
import { jobsButtonSummary } from '../../../src/ui/shell/format';

describe('jobsButtonSummary', () => {
  it('is nothing when no job runs', () => {
    expect(jobsButtonSummary([])).toBeUndefined();
  });
  it('shows the percent done of a single job with a total, rounded down', () => {
    expect(jobsButtonSummary([{ label: 'Download Bolt', done: 2, total: 3 }])).toEqual({ text: '66%', fraction: 2 / 3, spoken: 'Download Bolt running' });
  });
  it('shows 1 and an unknown fraction without a total, and the count for several jobs', () => {
    expect(jobsButtonSummary([{ label: 'Backtest', done: 5 }])).toEqual({ text: '1', fraction: undefined, spoken: 'Backtest running' });
    expect(jobsButtonSummary([{ label: 'a', done: 1, total: 2 }, { label: 'b', done: 0 }])).toEqual({ text: '2', spoken: '2 jobs running' });
  });
});

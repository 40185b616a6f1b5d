/** The compute worker's job bookkeeping is the one both workers share (workers/shared/jobs.ts). */
export { finishJob, jobsApi, startJob } from '../shared/jobs';

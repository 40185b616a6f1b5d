/**
 * The compute worker: indicators, data import, model training and backtests, off the UI thread.
 * Each area contributes one API object from `workers/compute/*.ts`; this file only composes them.
 */
import { expose } from 'comlink';
import { backtestApi } from './compute/backtest';
import { dataApi } from './compute/data';
import { jobsApi } from './compute/jobs';
import { mlApi } from './compute/ml';

const api = { ...jobsApi, ...backtestApi, ...mlApi, ...dataApi };
export type ComputeApi = typeof api;
expose(api);

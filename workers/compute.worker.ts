/**
 * The compute worker: indicators, data import, fetching prices, model training, backtests and analytics, off the UI thread.
 * Each area contributes one API object from `workers/compute/*.ts`; this file only composes them.
 */
import { expose } from 'comlink';
import { analyticsApi } from './compute/analytics';
import { backtestApi } from './compute/backtest';
import { dataApi } from './compute/data';
import { fetchApi } from './compute/fetch';
import { jobsApi } from './compute/jobs';
import { mlApi } from './compute/ml';
import { strategyFileApi } from './compute/strategy-file';

const api = { ...jobsApi, ...backtestApi, ...mlApi, ...dataApi, ...fetchApi, ...analyticsApi, ...strategyFileApi };
export type ComputeApi = typeof api;
expose(api);

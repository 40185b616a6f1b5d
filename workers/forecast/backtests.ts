/**
 * Forecast-strategy backtests and sweeps with a cached Chronos model: the job both workers share
 * (workers/shared/backtest-job.ts) run here, where the model's session lives, with a forecaster that reads
 * the forecast store first. Grid points that differ only in how the forecasts are used (thresholds,
 * confidence, sizing) ask for the same forecasts, so a sweep computes them once and then reuses them;
 * the job tray says how many were computed and how many reused.
 */
import type { SweepAxis, SweepObjective, SweepResult } from '../../src/core/backtest/sweep';
import { describeTally } from '../../src/core/forecast/forecast-store';
import type { ProgressListener } from '../../src/core/jobs/progress';
import { backtestStoredSymbols, sweepStoredSymbols, type BacktestOutcome, type BacktestRequest } from '../shared/backtest-job';
import { withJob } from '../shared/jobs';
import { currentBackend } from './backend';
import { modelStore } from './cached-model';
import { storedForecasterById } from './models';

async function forecasterFor(request: BacktestRequest) {
  if (request.strategy.name !== 'forecast' || !request.forecasterId) throw new Error('the forecast worker runs forecast-strategy backtests with a cached model only');
  return storedForecasterById(request.forecasterId, modelStore, await currentBackend());
}

export const backtestsApi = {
  async runForecastBacktest(jobId: string, request: BacktestRequest, onProgress?: ProgressListener): Promise<BacktestOutcome> {
    return withJob(jobId, async (signal) => {
      const forecaster = await forecasterFor(request);
      const outcome = await backtestStoredSymbols(request, { forecaster }, { signal, onProgress });
      onProgress?.({ status: 'done', message: `forecasts: ${describeTally(forecaster.tally)}` });
      return outcome;
    });
  },

  async runForecastSweep(jobId: string, request: BacktestRequest, axes: SweepAxis[], objective: SweepObjective, onProgress?: ProgressListener): Promise<SweepResult> {
    return withJob(jobId, async (signal) => {
      const forecaster = await forecasterFor(request);
      const result = await sweepStoredSymbols(request, axes, objective, { forecaster }, { signal, onProgress });
      const ran = result.rows.filter((r) => !r.skipped).length;
      onProgress?.({ status: 'done', message: `${ran} runs; forecasts: ${describeTally(forecaster.tally)}` });
      return result;
    });
  },
};

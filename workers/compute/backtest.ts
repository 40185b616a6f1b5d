/**
 * Backtests and parameter sweeps in the compute worker, for every strategy it can build itself (a
 * forecast strategy with a cached Chronos model runs in the forecast worker instead, see runs.ts).
 * The run itself is the job both workers share: workers/shared/backtest-job.ts.
 */
import type { ProgressListener } from '../../src/core/jobs/progress';
import type { SweepAxis, SweepObjective, SweepResult } from '../../src/core/backtest/sweep';
import type { StrategyDependencies } from '../../src/core/strategy/registry';
import type { DualModel } from '../../src/core/ml';
import { userBaselines } from '../../src/store/app-settings';
import { getQuantDb } from '../../src/store/db';
import { getRecord } from '../../src/store/records';
import { backtestStoredSymbols, sweepStoredSymbols, type BacktestOutcome, type BacktestRequest } from '../shared/backtest-job';
import { withJob } from '../shared/jobs';
import { strategyNamed } from './strategy-file';

export type { BacktestCharts, BacktestOutcome, BacktestRequest } from '../shared/backtest-job';

async function dependencies(request: BacktestRequest): Promise<StrategyDependencies> {
  const deps: StrategyDependencies = {};
  if (request.strategy.name === 'forecast') {
    const id = request.forecasterId ?? 'baseline:drift';
    deps.forecaster = (await userBaselines(await getQuantDb())).find((f) => f.info.id === id);
    if (!deps.forecaster) throw new Error(`forecaster ${id} is not available in the compute worker`);
  }
  if (request.strategy.name === 'logistic' && request.mlModelId) {
    const saved = await getRecord<{ id: string; model: DualModel }>(await getQuantDb(), 'mlModels', request.mlModelId);
    if (!saved) throw new Error(`model ${request.mlModelId} was not found`);
    deps.logisticModel = saved.model;
  }
  return deps;
}

export const backtestApi = {
  runBacktest(jobId: string, request: BacktestRequest, onProgress?: ProgressListener): Promise<BacktestOutcome> {
    // A built-in strategy or one of the user's strategy files.
    return withJob(jobId, async (signal) => backtestStoredSymbols(request, await dependencies(request), { signal, onProgress }, await strategyNamed(request.strategy.name)));
  },

  runSweep(jobId: string, request: BacktestRequest, axes: SweepAxis[], objective: SweepObjective, onProgress?: ProgressListener): Promise<SweepResult> {
    return withJob(jobId, async (signal) => sweepStoredSymbols(request, axes, objective, await dependencies(request), { signal, onProgress }, await strategyNamed(request.strategy.name)));
  },
};

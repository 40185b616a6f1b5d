/**
 * The Backtest tab's working state, kept outside its components so that leaving the tab and coming
 * back shows the same form, the unsaved result, the sweep settings, and a backtest or sweep still
 * running (its result lands here even while the tab is away). It lives for the page session only:
 * a reload starts from the Settings tab's defaults, as running jobs end with the page; saved runs
 * (IndexedDB) are what outlasts a reload.
 */
import { defaultBacktestConfig, type Rebalance } from '../../core/backtest/config';
import type { SweepObjective, SweepResult } from '../../core/backtest/sweep';
import { findStrategy } from '../../core/strategy/registry';
import { userParamValues } from '../../core/strategy/define';
import { percentInputValue } from '../lib/format';
import type { BacktestOutcome, BacktestRequest } from '../../../workers/compute/backtest';
import type { StoredStrategyFile } from './strategy-files';

/** The settings form, as the user left it. */
export const backtestForm = $state({
  /** False until the Settings tab's defaults were read once (later visits keep the user's edits). */
  defaultsLoaded: false,
  selected: [] as string[],
  strategy: 'sma-cross',
  // Every parameter of the strategy: the form shows its numeric ones, the Settings tab's defaults fill the rest.
  settings: userParamValues(findStrategy('sma-cross')!) as Record<string, number | string>,
  capital: defaultBacktestConfig.capital,
  commissionPct: percentInputValue(defaultBacktestConfig.commission),
  slippagePct: percentInputValue(defaultBacktestConfig.slippage),
  rebalance: defaultBacktestConfig.rebalance as Rebalance,
  wholeShares: defaultBacktestConfig.wholeShares,
  allowShort: defaultBacktestConfig.allowShort,
  borrowPct: percentInputValue(defaultBacktestConfig.borrowRate),
  from: '',
  to: '',
  benchmark: '',
  forecasterId: 'baseline:drift',
  mlModelId: '',
});

/** The user's strategy files and cached forecast models, kept so the menus show the chosen one at once on return. */
class StrategyChoices {
  files = $state.raw<StoredStrategyFile[]>([]);
  forecastModels = $state.raw<{ id: string; name: string }[] | undefined>();
}
export const strategyChoices = new StrategyChoices();

export interface ShownRun { name: string; notes: string; request: BacktestRequest; outcome: BacktestOutcome; savedId?: string }

/** The run on screen (saved or not), the backtest in flight, and the form's latest request. */
class BacktestRunState {
  // Raw: a report holds thousands of rows that need no deep reactivity (and must stay clonable for IndexedDB).
  current = $state.raw<ShownRun | undefined>();
  draft = $state<BacktestRequest | undefined>();
  running = $state(false);
  error = $state('');
}
export const backtestRun = new BacktestRunState();

export interface SweepAxisInput { key: string; from: number; to: number; step: number }

/** A finished sweep and what it swept: the strategy (its name hides the result once another one is picked) and the symbols. */
export interface ShownSweep { strategy: string; strategyLabel: string; symbols: string[]; result: SweepResult }

class SweepState {
  axisA = $state<SweepAxisInput>({ key: '', from: 5, to: 20, step: 5 });
  axisB = $state<SweepAxisInput>({ key: '', from: 20, to: 60, step: 10 });
  objective = $state<SweepObjective>('sharpe');
  // Raw: up to 2,000 rows, replaced whole.
  shown = $state.raw<ShownSweep | undefined>();
  error = $state('');
  running = $state(false);
  sortKey = $state('sharpe');
  descending = $state(true);
}
export const sweepState = new SweepState();

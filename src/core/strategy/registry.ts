/**
 * Strategies by name (the CLI contract's `--strategy NAME`), with their settings as plain JSON so a
 * configuration can be saved with a run, sent to a worker, or swept over a grid.
 */
import type { Forecaster } from '../forecast/types';
import type { DualModel } from '../ml';
import { buyHold } from './buy-hold';
import { dualLogistic, type DualLogisticSettings } from './dual-logistic';
import { forecastStrategy, type ForecastStrategySettings } from './forecast';
import { rsiReversion, type RsiSettings } from './rsi-reversion';
import { smaCross, type SmaCrossSettings } from './sma-cross';
import type { Strategy } from './types';

export type StrategySpec =
  | { name: 'buy-hold' }
  | ({ name: 'sma-cross' } & Partial<SmaCrossSettings>)
  | ({ name: 'rsi' } & Partial<RsiSettings>)
  | ({ name: 'forecast' } & Partial<ForecastStrategySettings>)
  | ({ name: 'logistic' } & Partial<DualLogisticSettings>);

export type StrategyName = StrategySpec['name'];

export const strategyNames: readonly StrategyName[] = ['buy-hold', 'sma-cross', 'rsi', 'logistic', 'forecast'];

/** What some strategies need besides settings: a model the caller has loaded. */
export interface StrategyDependencies {
  forecaster?: Forecaster;
  /** A saved dual-logistic model; without it the logistic strategy trains walk-forward. */
  logisticModel?: DualModel;
}

export function createStrategy(spec: StrategySpec, deps: StrategyDependencies = {}): Strategy {
  switch (spec.name) {
    case 'buy-hold':
      return buyHold();
    case 'sma-cross':
      return smaCross(spec);
    case 'rsi':
      return rsiReversion(spec);
    case 'forecast':
      if (!deps.forecaster) throw new RangeError('the forecast strategy needs a forecaster (--model DIR_OR_URL)');
      return forecastStrategy(deps.forecaster, spec);
    case 'logistic':
      return dualLogistic({ settings: spec, model: deps.logisticModel });
    default:
      throw new RangeError(`unknown strategy "${(spec as { name: string }).name}" (strategies: ${strategyNames.join(', ')})`);
  }
}

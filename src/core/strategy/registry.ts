/**
 * The built-in strategies by name (the CLI contract's `--strategy NAME`), with their settings as plain
 * JSON (a spec) so a configuration can be saved with a run, sent to a worker, or swept over a grid.
 * Each strategy's parameters are declared once, in its own file (define.ts).
 */
import { buyHoldStrategy } from './buy-hold';
import type { StrategyDependencies, StrategyDescriptor } from './define';
import { dualLogisticStrategy } from './dual-logistic';
import { fixedWeightStrategy } from './fixed-weight';
import { forecastStrategyDescriptor } from './forecast';
import { rsiStrategy } from './rsi-reversion';
import { smaCrossStrategy } from './sma-cross';
import type { Strategy } from './types';

export type { StrategyDependencies } from './define';

/** In the order the Backtest form lists them. */
export const builtInStrategies: readonly StrategyDescriptor[] = [buyHoldStrategy, smaCrossStrategy, rsiStrategy, dualLogisticStrategy, forecastStrategyDescriptor,
  fixedWeightStrategy];

export type StrategyName = 'buy-hold' | 'sma-cross' | 'rsi' | 'logistic' | 'forecast' | 'fixed-weight';
export const strategyNames = builtInStrategies.map((d) => d.name) as readonly StrategyName[];

/** A strategy and its settings as JSON: `{name: 'sma-cross', fast: 10, slow: 30}` (settings left out take their defaults). */
export interface StrategySpec {
  name: string;
  [param: string]: unknown;
}

export function findStrategy(name: string): StrategyDescriptor | undefined {
  return builtInStrategies.find((d) => d.name === name);
}

function strategyNamed(name: string): StrategyDescriptor {
  const descriptor = findStrategy(name);
  if (!descriptor) throw new RangeError(`unknown strategy "${name}" (strategies: ${strategyNames.join(', ')})`);
  return descriptor;
}

/** The strategy of a spec; a RangeError names every setting that is out of range or unknown. */
export function createStrategy(spec: StrategySpec, deps: StrategyDependencies = {}): Strategy {
  return strategyNamed(spec.name).create(spec, deps);
}


/**
 * The built-in strategies by name (the CLI contract's `--strategy NAME`), with their settings as plain
 * JSON (a spec) so a configuration can be saved with a run, sent to a worker, or swept over a grid.
 * Each strategy's parameters are declared once, in its own file (define.ts).
 */
import { INVALID, json, memberPath, string, type Schema } from '../validate';
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


/**
 * A spec read from a file (a report's `config.strategy`), checked by the strategies' own declarations: a
 * built-in strategy's parameters by type and range at their paths (`report.config.strategy.fast`), unknown
 * ones refused, the rules between them applied, the defaults filled in; a strategy from the user's own file (another name) keeps its
 * parameters as written, since its declaration is not at hand. Either way a clean JSON copy.
 */
export function strategySpecSchema(strategies: readonly StrategyDescriptor[] = builtInStrategies): Schema<StrategySpec> {
  const name = string({ minLength: 1, maxLength: 64 });
  return {
    expected: 'a strategy {name, ...parameters}',
    check(value, path, ctx) {
      const copy = json().check(value, path, ctx);
      if (copy === INVALID) return INVALID;
      if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) return ctx.report(path, 'expected an object {name, ...parameters}');
      const spec = copy as Record<string, unknown>;
      const chosen = name.check(spec.name, memberPath(path, 'name'), ctx);
      if (chosen === INVALID) return INVALID;
      const descriptor = strategies.find((d) => d.name === chosen);
      if (!descriptor) return spec as StrategySpec;
      const values = descriptor.schema.check(spec, path, ctx);
      return values === INVALID ? INVALID : { name: chosen, ...values };
    },
  };
}

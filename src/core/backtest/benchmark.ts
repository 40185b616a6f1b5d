/** The benchmark of a backtest: which series, and its buy-and-hold curve on the run's calendar. */
import type { PriceSeries } from '../data/types';
import type { BacktestConfig } from './config';

/** A benchmark series given outside the universe, else `config.benchmark` among the symbols, else the first symbol. */
export function pickBenchmark(universe: readonly PriceSeries[], config: BacktestConfig, given?: PriceSeries): PriceSeries {
  if (given) return given;
  if (!config.benchmark) return universe[0];
  const found = universe.find((s) => s.symbol === config.benchmark);
  if (!found) throw new RangeError(`benchmark "${config.benchmark}" is not one of the symbols (${universe.map((s) => s.symbol).join(', ')})`);
  return found;
}

/**
 * Benchmark buy-and-hold on closes (no costs), carried forward over dates without a bar, scaled so
 * that it starts at the initial capital on the first date the benchmark has a price.
 */
export function buyAndHoldCurve(benchmark: PriceSeries, calendar: readonly string[], capital: number): Float64Array {
  const curve = new Float64Array(calendar.length);
  let i = -1;
  let base = NaN;
  for (let k = 0; k < calendar.length; k++) {
    while (i + 1 < benchmark.dates.length && benchmark.dates[i + 1] <= calendar[k]) i++;
    const price = i >= 0 ? benchmark.close[i] : NaN;
    if (Number.isNaN(base) && Number.isFinite(price)) base = price;
    curve[k] = Number.isNaN(base) ? capital : (capital * price) / base;
  }
  return curve;
}

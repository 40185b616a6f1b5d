import { ewmMean } from './ewm-mean';
import { assertPeriod } from './period';

/**
 * Exponential moving average, pandas `ewm(span=period, adjust=False).mean()`:
 * alpha = 2/(period+1), first value = first (finite) input, ema[t] = alpha*x[t] + (1-alpha)*ema[t-1].
 * There is no warm-up NaN beyond leading NaN inputs: an EMA of a series with a NaN warm-up (e.g. the
 * EMA of another indicator) starts at that series' first finite value, as pandas does.
 */
export function ema(values: Float64Array, period: number): Float64Array {
  assertPeriod('ema', period);
  return ewmMean(values, 2 / (period + 1));
}


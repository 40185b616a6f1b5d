import { throwIfCancelled } from '../../jobs/progress';
import { BASELINE_LEVELS } from '../defaults';
import { summarizeForecast } from '../summary';
import type { Forecast, ForecastOptions, ForecastRequest, Forecaster } from '../types';
import { gaussianQuantiles, observedSpan } from './gaussian';

/** A baseline's forecast before quantiles: the point path and the error spread at each step ahead. */
export interface PointForecast {
  point: Float64Array;
  sigma: Float64Array;
}

export interface BaselineMethod {
  id: string;
  label: string;
  /** `history` is the observed span of the target (first and last values finite). */
  predict(history: Float64Array, horizon: number): PointForecast;
}

/**
 * Wraps a baseline method in the `Forecaster` interface. Baselines forecast each series on its own:
 * covariates and related series are accepted and ignored.
 */
export function baselineForecaster(method: BaselineMethod, levels: readonly number[] = BASELINE_LEVELS): Forecaster {
  return {
    info: { id: `baseline:${method.id}`, label: method.label, kind: 'baseline', levels: [...levels] },
    async forecast(requests: ForecastRequest[], options: ForecastOptions): Promise<Forecast[]> {
      const { horizon, signal, onProgress } = options;
      if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a positive integer, got ${horizon}`);
      return requests.map((request, i) => {
        throwIfCancelled(signal);
        const history = observedSpan(request.target);
        if (history.length === 0) throw new RangeError(`series ${i} has no observed values to forecast from`);
        const { point, sigma } = method.predict(history, horizon);
        onProgress?.({ status: 'progress', done: i + 1, total: requests.length, unit: 'series' });
        return summarizeForecast({
          levels,
          quantiles: gaussianQuantiles(levels, point, sigma),
          horizon,
          lastPrice: history[history.length - 1],
        });
      });
    },
  };
}

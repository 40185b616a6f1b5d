import { checkpoint } from '../../jobs/progress';
import { summarizeForecast } from '../summary';
import type { Forecast, ForecastOptions, ForecastRequest, Forecaster, ForecasterInfo } from '../types';
import type { ChronosBoltPipeline } from './pipeline';

/** Series per pipeline call; longer horizons multiply the model batch by Q (9 paths per series). */
export const BOLT_SERIES_PER_CALL = 32;

/**
 * Chronos-Bolt behind the common `Forecaster` interface. Bolt is univariate: covariates and related
 * series are accepted and ignored, each target is forecast on its own (rows in one call never interact).
 */
export class ChronosBoltForecaster implements Forecaster {
  readonly info: ForecasterInfo;

  constructor(
    readonly pipeline: ChronosBoltPipeline,
    identity: { id: string; label: string },
    private readonly onDispose?: () => Promise<void>,
  ) {
    this.info = { ...identity, kind: 'chronos-bolt', levels: [...pipeline.levels] };
  }

  async forecast(requests: ForecastRequest[], options: ForecastOptions): Promise<Forecast[]> {
    const { horizon, signal, onProgress } = options;
    if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a positive integer, got ${horizon}`);
    const lastPrices = requests.map((r, i) => {
      const last = lastObserved(r.target);
      if (last === undefined) throw new RangeError(`series ${i} has no observed values to forecast from`);
      return last;
    });
    const levels = this.info.levels;
    const results: Forecast[] = [];
    for (let start = 0; start < requests.length; start += BOLT_SERIES_PER_CALL) {
      await checkpoint(signal);
      const chunk = requests.slice(start, start + BOLT_SERIES_PER_CALL);
      const prediction = await this.pipeline.predict(
        chunk.map((r) => r.target),
        { predictionLength: horizon, signal },
      );
      const perRow = levels.length * horizon;
      chunk.forEach((_, b) => {
        results.push(
          summarizeForecast({
            levels,
            quantiles: Float64Array.from(prediction.values.subarray(b * perRow, (b + 1) * perRow)),
            horizon,
            lastPrice: lastPrices[start + b],
          }),
        );
      });
      onProgress?.({ status: 'progress', done: results.length, total: requests.length, unit: 'series' });
    }
    return results;
  }

  async dispose(): Promise<void> {
    await this.onDispose?.();
  }
}

function lastObserved(values: Float64Array): number | undefined {
  for (let t = values.length - 1; t >= 0; t--) if (Number.isFinite(values[t])) return values[t];
  return undefined;
}

import { forecastInChunks } from '../chunked-forecast';
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

  forecast(requests: ForecastRequest[], options: ForecastOptions): Promise<Forecast[]> {
    return forecastInChunks(requests, options, this.info.levels, BOLT_SERIES_PER_CALL, async (chunk, horizon, signal) => {
      const { values } = await this.pipeline.predict(
        chunk.map((r) => r.target),
        { predictionLength: horizon, signal },
      );
      const perRow = this.info.levels.length * horizon; // values is [rows, Q, horizon]
      return chunk.map((_, b) => values.subarray(b * perRow, (b + 1) * perRow));
    });
  }

  async dispose(): Promise<void> {
    await this.onDispose?.();
  }
}

import type { JobOptions } from '../jobs/progress';

/**
 * The one interface every forecaster implements (Chronos-2, Chronos-Bolt, baselines), so that
 * strategies, backtests, evaluation and the CLI work with any model.
 */
export interface ForecastRequest {
  /** Target history, oldest first; NaN marks a missing value. */
  target: Float64Array;
  /** Optional past-only covariates aligned with `target` (e.g. volume, a benchmark index). */
  pastCovariates?: Record<string, Float64Array>;
  /** Optional related series forecast jointly with the target (multivariate, group attention). */
  relatedTargets?: Record<string, Float64Array>;
  /**
   * Which symbol and origin date (the date of the target's last value) this request forecasts from. Requests
   * that carry it can be answered from the forecast store (see forecast-store.ts); others are always computed.
   */
  origin?: { symbol: string; date: string };
}

export interface ForecastOptions extends JobOptions {
  horizon: number;
}

export interface Forecast {
  /** Quantile levels, ascending (e.g. the 21 Chronos-2 levels or the 9 Bolt levels). */
  levels: number[];
  /** levels.length x horizon values, row-major: quantiles[q * horizon + t]. */
  quantiles: Float64Array;
  horizon: number;
  median: Float64Array;
  /** 80% and 95% central intervals, present where the model's levels allow (interpolated otherwise). */
  interval80?: { lower: Float64Array; upper: Float64Array; held?: boolean };
  /** `held`: a bound lies outside the model's levels and was held at the nearest level (see summary.ts). */
  interval95?: { lower: Float64Array; upper: Float64Array; held?: boolean };
  /** median at horizon end / last observed price - 1 (DESIGN.md). */
  expectedReturn: number;
  /** Forecast probability that the move has the predicted sign, read from the quantiles (DESIGN.md). */
  confidence: number;
}

export interface ForecasterInfo {
  id: string;
  label: string;
  kind: 'chronos-2' | 'chronos-bolt' | 'baseline';
  levels: number[];
}

export interface Forecaster {
  readonly info: ForecasterInfo;
  /** One forecast per request; implementations batch the requests into as few model calls as they can. */
  forecast(requests: ForecastRequest[], options: ForecastOptions): Promise<Forecast[]>;
  dispose?(): Promise<void>;
}

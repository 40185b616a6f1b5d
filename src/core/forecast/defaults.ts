/**
 * Defaults of the forecasting screens, CLI and evaluation, in one place so they agree.
 */

/** Trading days ahead the Forecasts tab predicts unless the user changes it (about a month). */
export const DEFAULT_HORIZON = 20;

/** Season of the seasonal-naive baseline and of the MASE scale: one trading week. */
export const DEFAULT_SEASON = 5;

/**
 * Quantile levels the baselines report: the 80% and 95% bounds are exact levels, plus the deciles
 * used by the weighted quantile loss.
 */
export const BASELINE_LEVELS: readonly number[] = [0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975];

/** Levels the weighted quantile loss averages over (the Chronos papers' nine deciles). */
export const WQL_LEVELS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** Rolling-origin evaluation: a forecast origin every `step` bars after `minContext` bars of history. */
export const DEFAULT_EVALUATION = { horizon: 20, step: 20, minContext: 128, maxContext: 2048, maxOrigins: 50 } as const;

/**
 * Quant Lens as a library (`import { ... } from 'quant-lens'`): the pure core the app and the CLI are
 * built on. Everything here works on plain data (typed arrays, JSON) in Node and in the browser; reading
 * files, storage and workers stay with the caller. The README's "Use it as a library" section is the tour
 * (tests/unit/api/readme-example.test.ts runs it).
 */

// Price data: CSV or JSON bars in, series of typed-array columns out.
export { readPriceFile } from './data/read-prices';
export { parseImportFile } from './data/parse';
export { barsToSeries, type Bar, type PriceSeries } from './data/types';

// Indicators (pure functions over Float64Array, warm-up bars NaN) and the ML feature columns.
export * from './indicators';
export { computeFeatures } from './features';

// The dual logistic (buy, sell) models.
export { trainDualModel, predictSymbol, modelToJson, modelFromJson, defaultMlSettings, type DualModel, type MlSettings } from './ml';

// Forecasters: Chronos-2 / Chronos-Bolt checkpoints through onnxruntime, and the baselines.
export { loadForecaster, type ModelFiles, type LoadForecasterOptions } from './forecast/model-loader';
export { createBaselines } from './forecast/baselines';
export type { Forecast, Forecaster, ForecastRequest } from './forecast/types';

// Strategies: the built-ins, defineStrategy for your own, and the interface they implement.
export * from './strategy';

// Backtests, their metrics and reports.
export { runBacktest, type BacktestInput } from './backtest/engine';
export { defaultBacktestConfig, type BacktestConfig, type Rebalance } from './backtest/config';
export type { BacktestResult } from './backtest/types';
export { analyzeBacktest, type BacktestMetrics } from './metrics';
export { buildReport, reportToJson, type BacktestReport } from './report/report';
export { reportToHtml } from './report/html';
export { tradesToCsv } from './report/trades-csv';

export { evaluateForecasters, forecastOrigins } from './rolling-origin';
export type { EvaluationOptions, EvaluationResult, EvaluationSettings, ForecasterScore } from './rolling-origin';
export { countCovered, directionHit, meanAbsoluteScaledError, pinballLoss, quantileLossSums, seasonalNaiveScale } from './metrics';

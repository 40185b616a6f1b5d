/** Strategies: the interface, defineStrategy (parameters declared once), the built-ins and their registry. */
export type { Decision, DecisionContext, PositionView, Signal, Strategy, SymbolState, BacktestPlan } from './types';
export { defineStrategy, param, formFields, userParamValues, optionName, paramSettingKey, isStrategyDescriptor } from './define';
export type { Param, Params, ParamValues, NumberParam, ChoiceParam, StrategyDescriptor, StrategyDeclaration, StrategyDependencies } from './define';
export { indicatorReader, type IndicatorFunction, type PriceColumn } from './indicator';
export { builtInStrategies, strategyNames, findStrategy, createStrategy, type StrategyName, type StrategySpec } from './registry';
export { buyHold, buyHoldStrategy } from './buy-hold';
export { smaCross, smaCrossStrategy, type SmaCrossSettings } from './sma-cross';
export { rsiReversion, rsiStrategy, type RsiSettings } from './rsi-reversion';
export { dualLogistic, dualLogisticStrategy, type DualLogisticSettings } from './dual-logistic';
export { forecastStrategy, forecastStrategyDescriptor, classifyForecast, exitLevels, type ForecastStrategySettings } from './forecast';
export { kellyWeight } from './kelly';

/**
 * Strategies (docs/custom-strategy.md). Where each part lives:
 * - types.ts       the Strategy interface, the DecisionContext it sees and the Decisions it returns
 * - define.ts      defineStrategy and param: a strategy's parameters declared once (CLI, form, Settings, checks)
 * - indicator.ts   ctx.indicator: causal indicators read at the current bar
 * - registry.ts    the built-in strategies by name, a spec -> strategy, and the check of a spec read from a file
 * - user-strategy.ts  a user's strategy file: what its default export may be (CLI and app alike)
 * - buy-hold.ts, sma-cross.ts, rsi-reversion.ts, dual-logistic.ts, forecast.ts (+ kelly.ts sizing), fixed-weight.ts: the built-ins
 * - example-momentum.ts  a user-style strategy file (`backtest --strategy src/core/strategy/example-momentum.ts`)
 */
export type { Decision, DecisionContext, PositionView, Signal, Strategy, SymbolState, BacktestPlan } from './types';
export { defineStrategy, param, formFields, userParamValues, optionName, paramSettingKey, isStrategyDescriptor } from './define';
export type { Param, Params, ParamValues, NumberParam, ChoiceParam, TextParam, StrategyDescriptor, StrategyDeclaration, StrategyDependencies } from './define';
export { indicatorReader, type IndicatorFunction, type PriceColumn } from './indicator';
export { strategyFromExport, fieldViews, StrategyFileError, type FieldView, type ParamView } from './user-strategy';
export { builtInStrategies, strategyNames, findStrategy, createStrategy, strategySpecSchema, type StrategyName, type StrategySpec } from './registry';
export { buyHold, buyHoldStrategy } from './buy-hold';
export { smaCross, smaCrossStrategy, type SmaCrossSettings } from './sma-cross';
export { rsiReversion, rsiStrategy, type RsiSettings } from './rsi-reversion';
export { dualLogistic, dualLogisticStrategy, type DualLogisticSettings } from './dual-logistic';
export { forecastStrategy, forecastStrategyDescriptor, classifyForecast, exitLevels, type ForecastStrategySettings } from './forecast';
export { fixedWeight, fixedWeightStrategy, parseWeights, type FixedWeightSettings, type RebalanceRule } from './fixed-weight';
export { kellyWeight } from './kelly';

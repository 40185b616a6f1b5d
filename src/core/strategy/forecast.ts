/**
 * Forecast strategy: on each decision date, forecast every symbol from its closes up to that date,
 * classify the forecast (DESIGN.md "signal (forecast)"), size entries with fractional Kelly and attach
 * stop-loss / take-profit levels. Given the backtest's plan, it asks for the forecasts of every
 * (symbol, decision date) in one call before the loop (batching across origins; each request holds only
 * its origin's past), so a model fills large batches and a forecast store can answer them all at once.
 */
import { DEFAULT_HORIZON } from '../forecast/defaults';
import { quantileRow } from '../forecast/summary';
import type { PriceSeries } from '../data/types';
import type { Forecast, Forecaster, ForecastRequest } from '../forecast/types';
import { defineStrategy, param, type ParamValues } from './define';
import { kellyWeight } from './kelly';
import type { Decision, DecisionContext, Signal, Strategy } from './types';

const params = {
  horizon: param.number({ integer: true, min: 1, max: 256, default: DEFAULT_HORIZON, unit: 'days', label: 'Horizon (days)', help: 'How many trading days ahead the strategy looks when it forecasts.' }),
  returnThresholdBuy: param.number({ min: 0, max: 0.5, default: 0.02, unit: 'percent', step: 0.005, label: 'Buy if expected return ≥', help: 'A forecast signals BUY only when the median forecast at the horizon is at least this much above the last price.' }),
  returnThresholdSell: param.number({ min: -0.5, max: 0, default: -0.02, unit: 'percent', step: 0.005, label: 'Sell if expected return ≤', help: 'A forecast signals SELL when the median forecast is at least this much below the last price.' }),
  minConfidence: param.number({ min: 0, max: 1, default: 0.5, unit: 'percent', step: 0.05, label: 'Min. confidence', help: "The forecast's probability that the move has the predicted sign must reach this for a BUY or SELL." }),
  maxPositionWeight: param.number({ min: 0, max: 1, default: 0.25, unit: 'percent', step: 0.05, label: 'Max. position weight', help: 'No single position may exceed this share of the portfolio.' }),
  riskPerTrade: param.number({ min: 0, max: 0.5, default: 0.02, unit: 'percent', step: 0.005, label: 'Risk per trade', help: 'A trade is sized so that hitting its stop-loss costs at most this share of equity.' }),
  kellyFraction: param.number({ min: 0, max: 1, default: 0.25, unit: 'percent', step: 0.05, label: 'Kelly fraction', help: 'Share of the full Kelly bet actually taken. Full Kelly is very aggressive; a quarter is a common compromise.' }),
  contextLength: param.number({ integer: true, min: 16, max: 8192, default: 512, unit: 'days', settingsOnly: true, label: 'Context length (days)', help: 'How many recent closes the model sees (longer histories are cut, oldest first). Longer is slower but can capture longer cycles.' }),
  stops: param.choice(['quantiles', 'fixed'], { default: 'quantiles', settingsOnly: true, label: 'Stops from', help: "'quantiles' places stop-loss and take-profit at the forecast's lower/upper quantiles at the horizon; 'fixed' uses the percentages below." }),
  stopQuantile: param.number({ min: 0.01, max: 0.49, default: 0.1, settingsOnly: true, label: 'Stop-loss quantile', help: 'The forecast quantile used as the stop-loss of a long position.' }),
  takeProfitQuantile: param.number({ min: 0.51, max: 0.99, default: 0.9, settingsOnly: true, label: 'Take-profit quantile', help: 'The forecast quantile used as the take-profit of a long position.' }),
  stopLossPct: param.number({ min: 0.001, max: 0.9, default: 0.05, unit: 'percent', settingsOnly: true, label: 'Fixed stop-loss', help: 'Stop-loss distance when stops are fixed (or the quantiles are unusable).' }),
  takeProfitPct: param.number({ min: 0.001, max: 5, default: 0.1, unit: 'percent', settingsOnly: true, label: 'Fixed take-profit', help: 'Take-profit distance when stops are fixed.' }),
};
export type ForecastStrategySettings = ParamValues<typeof params>;

export const forecastStrategyDescriptor = defineStrategy({
  name: 'forecast',
  label: 'Forecast (Kelly sizing)',
  params,
  check: (s) => (s.returnThresholdSell < s.returnThresholdBuy ? undefined : 'return_threshold_sell must be below return_threshold_buy'),
  summary: ({ horizon }) => `Forecast ${horizon}d`,
  create(settings, deps) {
    if (!deps.forecaster) throw new RangeError('the forecast strategy needs a forecaster (--model DIR_OR_URL)');
    return forecastRule(deps.forecaster, settings);
  },
});
export const forecastStrategyDefaults = forecastStrategyDescriptor.defaults;

export function classifyForecast(forecast: Pick<Forecast, 'expectedReturn' | 'confidence'>, settings: ForecastStrategySettings): Signal {
  const { expectedReturn, confidence } = forecast;
  if (!(confidence >= settings.minConfidence)) return 'hold';
  if (expectedReturn >= settings.returnThresholdBuy) return 'buy';
  if (expectedReturn <= settings.returnThresholdSell) return 'sell';
  return 'hold';
}

export interface ExitLevels {
  stopLoss: number;
  takeProfit: number;
}

/**
 * Stop and target for a position in `direction` entered near `price`. Quantile levels are used when
 * they lie on the right sides of the price; otherwise (a forecast whose whole band is above the price,
 * say) the fixed percentages are.
 */
export function exitLevels(forecast: Forecast, price: number, direction: 1 | -1, settings: ForecastStrategySettings): ExitLevels {
  const fixed = {
    stopLoss: price * (1 - direction * settings.stopLossPct),
    takeProfit: price * (1 + direction * settings.takeProfitPct),
  };
  if (settings.stops === 'fixed') return fixed;
  const at = (level: number) => quantileRow(forecast.levels, forecast.quantiles, forecast.horizon, level)[forecast.horizon - 1];
  const low = at(settings.stopQuantile);
  const high = at(settings.takeProfitQuantile);
  const levels = direction > 0 ? { stopLoss: low, takeProfit: high } : { stopLoss: high, takeProfit: low };
  const sane = direction * (price - levels.stopLoss) > 0 && direction * (levels.takeProfit - price) > 0;
  return sane ? levels : fixed;
}

/** The forecast strategy with checked settings (defaults for those left out). */
export function forecastStrategy(forecaster: Forecaster, settings: Partial<ForecastStrategySettings> = {}): Strategy {
  return forecastStrategyDescriptor.create(settings, { forecaster });
}

function forecastRule(forecaster: Forecaster, s: ForecastStrategySettings): Strategy {
  /** Forecasts made in `prepare`, by originKey(symbol, date). */
  let planned = new Map<string, Forecast>();
  /** Closes by slot, from `prepare` (reading today's close through `history()` would copy the dates each time). */
  let closes: Float64Array[] = [];
  return {
    name: 'forecast',
    async prepare(universe, plan) {
      planned = new Map();
      closes = universe.map((series) => series.close);
      if (!plan) return;
      // One call per symbol: its batches then never depend on which other symbols run with it, so a run
      // sharded by symbol computes exactly the forecasts of the whole run.
      for (const [done, series] of universe.entries()) {
        const origins = plannedOrigins(series, plan.decisionDates, s.contextLength);
        if (origins.length > 0) {
          const forecasts = await forecaster.forecast(origins, { horizon: s.horizon, signal: plan.signal });
          origins.forEach((r, i) => planned.set(originKey(r.origin.symbol, r.origin.date), forecasts[i]));
        }
        plan.onProgress?.({ status: 'progress', done: done + 1, total: universe.length, unit: 'symbols forecast' });
      }
    },
    async decide(ctx: DecisionContext): Promise<Decision[]> {
      const symbols = ctx.symbols.filter((st) => st.hasBar && st.last >= 1);
      if (symbols.length === 0) return [];
      // Each symbol has a bar today, so its origin is today. Without a plan (or for an origin it did not
      // cover) forecast those symbols now, in one call.
      const missing = symbols.filter((st) => !planned.has(originKey(st.symbol, ctx.date)));
      if (missing.length > 0) {
        const requests = missing.map((st) => originRequest(ctx.history(st.symbol), st.last, s.contextLength));
        const fresh = await forecaster.forecast(requests, { horizon: s.horizon, signal: ctx.signal });
        missing.forEach((st, i) => planned.set(originKey(st.symbol, ctx.date), fresh[i]));
      }
      const out: Decision[] = [];
      for (const st of symbols) {
        const forecast = planned.get(originKey(st.symbol, ctx.date))!;
        const price = (closes[st.slot] ?? ctx.history(st.symbol).close)[st.last];
        const decision = decideOne(ctx, st.symbol, price, forecast, s);
        if (decision) out.push(decision);
      }
      return out;
    },
  };
}

type OriginRequest = ForecastRequest & Required<Pick<ForecastRequest, 'origin'>>;

function originKey(symbol: string, date: string): string {
  return `${symbol}\u0000${date}`;
}

/** The forecast request at bar `last` of a series: its last `contextLength` closes up to and including that bar. */
function originRequest(series: PriceSeries, last: number, contextLength: number): OriginRequest {
  return {
    target: series.close.subarray(Math.max(0, last + 1 - contextLength), last + 1),
    origin: { symbol: series.symbol, date: series.dates[last] },
  };
}

/**
 * Every decision date a series will be forecast on (as `decide` does: the dates it has a bar on, with at
 * least one earlier bar). Each request is cut at its own date, so no origin sees a later price.
 */
function plannedOrigins(series: PriceSeries, decisionDates: readonly string[], contextLength: number): OriginRequest[] {
  const out: OriginRequest[] = [];
  let bar = 0;
  for (const date of decisionDates) {
    while (bar < series.dates.length && series.dates[bar] < date) bar++;
    if (bar >= series.dates.length) break;
    if (series.dates[bar] === date && bar >= 1) out.push(originRequest(series, bar, contextLength));
  }
  return out;
}

function decideOne(ctx: DecisionContext, symbol: string, price: number, forecast: Forecast, s: ForecastStrategySettings): Decision | undefined {
  const signal = classifyForecast(forecast, s);
  if (signal === 'hold') return undefined;
  const held = ctx.position(symbol).quantity;
  const direction = signal === 'buy' ? 1 : -1;
  const reason = `${signal.toUpperCase()}: ${describe(forecast)}`;
  // Already positioned the forecast's way: keep the position (no resizing churn).
  if (Math.sign(held) === direction) return { symbol, signal, reason };
  // A SELL on a long closes it; it opens a short only when shorting is allowed.
  if (direction < 0 && !ctx.allowShort) return { symbol, signal, targetWeight: 0, reason };
  const levels = exitLevels(forecast, price, direction, s);
  const payoff = Math.abs(levels.takeProfit - price) / Math.abs(price - levels.stopLoss);
  const stopDistance = Math.abs(price - levels.stopLoss) / price;
  const weight = kellyWeight(forecast.confidence, payoff, stopDistance, s);
  if (weight <= 0) return { symbol, signal, targetWeight: held !== 0 ? 0 : undefined, reason: `${reason}; no Kelly edge` };
  return { symbol, signal, targetWeight: direction * weight, ...levels, reason: `${reason}; Kelly weight ${(weight * 100).toFixed(1)}%` };
}

function describe(f: Forecast): string {
  return `expected return ${(f.expectedReturn * 100).toFixed(2)}%, confidence ${(f.confidence * 100).toFixed(0)}%`;
}

/**
 * Forecast strategy: on each decision date, forecast every symbol from its closes up to that date
 * (one batched `forecaster.forecast` call), classify the forecast (DESIGN.md "signal (forecast)"),
 * size entries with fractional Kelly and attach stop-loss / take-profit levels.
 */
import { DEFAULT_HORIZON } from '../forecast/defaults';
import { quantileRow } from '../forecast/summary';
import type { Forecast, Forecaster } from '../forecast/types';
import { kellyWeight } from './kelly';
import type { Decision, DecisionContext, Signal, Strategy } from './types';

export interface ForecastStrategySettings {
  /** BUY when expectedReturn >= this (0.02 = +2%). */
  returnThresholdBuy: number;
  /** SELL when expectedReturn <= this (-0.02 = -2%). */
  returnThresholdSell: number;
  /** Both signals also need confidence >= this. */
  minConfidence: number;
  maxPositionWeight: number;
  riskPerTrade: number;
  kellyFraction: number;
  horizon: number;
  /** Most recent closes given to the model (longer histories are cut, oldest first). */
  contextLength: number;
  /** 'quantiles': stop / target at the forecast's lower / upper quantile at the horizon; 'fixed': percentages. */
  stops: 'quantiles' | 'fixed';
  stopQuantile: number;
  takeProfitQuantile: number;
  stopLossPct: number;
  takeProfitPct: number;
}

export const forecastStrategyDefaults: ForecastStrategySettings = {
  returnThresholdBuy: 0.02,
  returnThresholdSell: -0.02,
  minConfidence: 0.5,
  maxPositionWeight: 0.25,
  riskPerTrade: 0.02,
  kellyFraction: 0.25,
  horizon: DEFAULT_HORIZON,
  contextLength: 512,
  stops: 'quantiles',
  stopQuantile: 0.1,
  takeProfitQuantile: 0.9,
  stopLossPct: 0.05,
  takeProfitPct: 0.1,
};

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

export function forecastStrategy(forecaster: Forecaster, settings: Partial<ForecastStrategySettings> = {}): Strategy {
  const s: ForecastStrategySettings = { ...forecastStrategyDefaults, ...settings };
  if (!(Number.isInteger(s.horizon) && s.horizon >= 1)) throw new RangeError(`forecast horizon must be a whole number >= 1, got ${s.horizon}`);
  if (!(s.returnThresholdSell < s.returnThresholdBuy)) throw new RangeError('return_threshold_sell must be below return_threshold_buy');
  return {
    name: 'forecast',
    async decide(ctx: DecisionContext): Promise<Decision[]> {
      const symbols = ctx.symbols.filter((st) => st.hasBar && st.last >= 1);
      if (symbols.length === 0) return [];
      const closes = symbols.map((st) => {
        const close = ctx.history(st.symbol).close;
        return close.subarray(Math.max(0, close.length - s.contextLength));
      });
      const forecasts = await forecaster.forecast(closes.map((target) => ({ target })), { horizon: s.horizon, signal: ctx.signal });
      const out: Decision[] = [];
      symbols.forEach((st, i) => {
        const decision = decideOne(ctx, st.symbol, closes[i][closes[i].length - 1], forecasts[i], s);
        if (decision) out.push(decision);
      });
      return out;
    },
  };
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

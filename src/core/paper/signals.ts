/**
 * Today's signals: what the chosen strategy says about each watchlist symbol on its latest bar,
 * with the reasons shown to the user, and the whole-share order that executes it. The rules are
 * the backtester's own (src/core/strategy: classifyForecast, exitLevels, fractional Kelly; the ML
 * rule of src/core/ml/signals), so a paper trade follows exactly what a backtest would have done.
 */
import { mlSignal } from '../ml/signals';
import type { Forecast } from '../forecast/types';
import { classifyForecast, exitLevels, type ForecastStrategySettings } from '../strategy/forecast';
import { kellyWeight } from '../strategy/kelly';
import type { Side } from './types';

export type Action = Side | 'hold';

export interface TodaySignal {
  symbol: string;
  /** Date and close of the latest stored bar. */
  date: string;
  price: number;
  action: Action;
  /** Forecast: median at the horizon vs the price; ML: NaN. */
  expectedReturn: number;
  /** Probability that the predicted move's sign is right (forecast) or the winning side's probability (ML). */
  confidence: number;
  /** Probability of a rise: from the forecast's quantiles, or the ML buy model. */
  probabilityUp: number;
  /** ML sell model's probability (NaN for forecasts). */
  probabilitySell: number;
  /** Fractional-Kelly target weight of a buy (0 when there is no edge or for sells). */
  kellyWeight: number;
  stopLoss?: number;
  takeProfit?: number;
  /** One line a person can read: why this action. */
  reason: string;
}

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;

/** The forecast strategy's decision for one symbol (long-only: a SELL means "sell what is held"). */
export function forecastSignal(symbol: string, date: string, price: number, forecast: Forecast, settings: ForecastStrategySettings): TodaySignal {
  const action = classifyForecast(forecast, settings);
  const probabilityUp = forecast.expectedReturn >= 0 ? forecast.confidence : 1 - forecast.confidence;
  let weight = 0;
  let levels: { stopLoss: number; takeProfit: number } | undefined;
  if (action === 'buy') {
    levels = exitLevels(forecast, price, 1, settings);
    const payoff = (levels.takeProfit - price) / (price - levels.stopLoss);
    weight = kellyWeight(forecast.confidence, payoff, (price - levels.stopLoss) / price, settings);
  }
  const parts = [`expected return ${pct(forecast.expectedReturn, 2)} over ${forecast.horizon} days`, `confidence ${pct(forecast.confidence, 0)}`];
  if (action === 'buy') parts.push(weight > 0 ? `Kelly weight ${pct(weight)}` : 'no Kelly edge');
  if (action === 'hold') parts.push(`needs |expected return| >= ${pct(settings.returnThresholdBuy)} and confidence >= ${pct(settings.minConfidence, 0)}`);
  return { symbol, date, price, action, expectedReturn: forecast.expectedReturn, confidence: forecast.confidence, probabilityUp, probabilitySell: NaN, kellyWeight: weight, ...levels, reason: parts.join('; ') };
}

/**
 * The dual-logistic decision (DESIGN.md "signal (ML)"). A buy is sized by fractional Kelly with the
 * buy model's probability and the payoff of the training targets (buy target / |sell target|).
 */
export function mlSignalFor(symbol: string, date: string, price: number, pBuy: number, pSell: number, threshold: number,
  payoffRatio: number, stopDistance: number, settings: ForecastStrategySettings): TodaySignal {
  if (!Number.isFinite(pBuy) || !Number.isFinite(pSell)) {
    // A feature is missing on the latest bar (warm-up, or no volume in the data): no opinion.
    return { symbol, date, price, action: 'hold', expectedReturn: NaN, confidence: NaN, probabilityUp: NaN, probabilitySell: NaN, kellyWeight: 0,
      reason: 'no prediction on the latest bar: a model feature is missing there (warm-up or no volume data)' };
  }
  const signal = mlSignal(pBuy, pSell, threshold);
  const action: Action = signal === 1 ? 'buy' : signal === -1 ? 'sell' : 'hold';
  const weight = action === 'buy' ? kellyWeight(pBuy, payoffRatio, stopDistance, settings) : 0;
  const parts = [`P(buy target) ${pct(pBuy, 0)}`, `P(sell target) ${pct(pSell, 0)}`, `threshold ${pct(threshold, 0)}`];
  if (action === 'buy') parts.push(weight > 0 ? `Kelly weight ${pct(weight)}` : 'no Kelly edge');
  return { symbol, date, price, action, expectedReturn: NaN, confidence: Math.max(pBuy, pSell), probabilityUp: pBuy, probabilitySell: pSell, kellyWeight: weight, reason: parts.join('; ') };
}

/**
 * Whole shares to buy so the position reaches `targetWeight` of equity, limited by the cash left
 * (commission included); 0 when already at or above the target.
 */
export function sharesToTarget(targetWeight: number, equity: number, heldValue: number, cash: number, price: number, commissionRate: number): number {
  const wanted = Math.max(0, targetWeight * equity - heldValue);
  const spend = Math.min(wanted, cash / (1 + commissionRate));
  return price > 0 ? Math.floor(spend / price) : 0;
}

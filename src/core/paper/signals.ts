/**
 * Today's signals: the action for each watchlist symbol on its latest bar, its reasons, and a
 * Kelly-sized target weight (DESIGN.md "signal (forecast)", "signal (ML)" and "Kelly sizing").
 */
import { mlSignal } from '../ml/signals';
import type { Side } from './types';

export type Action = Side | 'hold';

export interface SizingRules {
  /** Share of the full Kelly fraction actually taken (0.25 = quarter Kelly). */
  kellyFraction: number;
  /** Cap on one position's weight in the portfolio. */
  maxPositionWeight: number;
  /** Largest fraction of equity allowed to be lost if the stop is hit. */
  riskPerTrade: number;
  /** Stop distance as a fraction of the price (risk cap = riskPerTrade / stopDistance). */
  stopDistance: number;
}

export const defaultSizingRules: SizingRules = { kellyFraction: 0.25, maxPositionWeight: 0.25, riskPerTrade: 0.02, stopDistance: 0.08 };

export interface ForecastSignalRules {
  /** |expected return| needed for a trade (0.02 = 2%). */
  minExpectedReturn: number;
  /** Probability that the move has the predicted sign needed for a trade. */
  minConfidence: number;
}

export const defaultForecastSignalRules: ForecastSignalRules = { minExpectedReturn: 0.02, minConfidence: 0.5 };

/** BUY if expectedReturn >= +threshold and confidence >= min; SELL if <= -threshold likewise; else HOLD. */
export function forecastAction(expectedReturn: number, confidence: number, rules: ForecastSignalRules = defaultForecastSignalRules): Action {
  if (!(confidence >= rules.minConfidence)) return 'hold';
  if (expectedReturn >= rules.minExpectedReturn) return 'buy';
  if (expectedReturn <= -rules.minExpectedReturn) return 'sell';
  return 'hold';
}

export function mlAction(pBuy: number, pSell: number, confidence: number): Action {
  const signal = mlSignal(pBuy, pSell, confidence);
  return signal === 1 ? 'buy' : signal === -1 ? 'sell' : 'hold';
}

/**
 * Target weight of a long position: kellyFraction * f* with f* = p - (1 - p) / b, capped at
 * maxPositionWeight and at riskPerTrade / stopDistance; 0 when the edge is not positive.
 */
export function kellyWeight(winProbability: number, payoffRatio: number, rules: SizingRules = defaultSizingRules): number {
  if (!(payoffRatio > 0) || !Number.isFinite(winProbability)) return 0;
  const full = winProbability - (1 - winProbability) / payoffRatio;
  if (!(full > 0)) return 0;
  return Math.min(rules.kellyFraction * full, rules.maxPositionWeight, rules.riskPerTrade / rules.stopDistance);
}

/**
 * Payoff ratio of a long trade read from a forecast's horizon-end 80% interval:
 * (upper - last) / (last - lower), i.e. the typical gain when right over the typical loss when wrong.
 */
export function payoffRatioFromInterval(lastPrice: number, lower: number, upper: number): number {
  const gain = upper - lastPrice;
  const loss = lastPrice - lower;
  return gain > 0 && loss > 0 ? gain / loss : NaN;
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

import { computeFeatures } from '../features';
import type { SymbolBars } from './dataset';
import { probabilityAt } from './logistic';
import { logit } from './logit';
import { meansOf, weightsOf, type DualModel } from './model';
import { shapValues } from './shap';
import { mlSignals } from './signals';

export interface SymbolPredictions {
  symbol: string;
  dates: string[];
  /** Feature columns in model order (NaN during warm-up). */
  features: Float64Array[];
  pBuy: Float64Array;
  pSell: Float64Array;
  /** 1 buy, -1 sell, 0 hold (DESIGN's rule with the model's confidence setting). */
  signals: Int8Array;
}

/** Applies a trained model to every bar of a symbol, including the latest bars that have no label yet. */
export function predictSymbol(model: DualModel, bars: SymbolBars): SymbolPredictions {
  const features = computeFeatures(bars, model.features);
  const n = bars.dates.length;
  const probability = (side: 'buy' | 'sell') => {
    const w = weightsOf(model, side);
    return Float64Array.from({ length: n }, (_, t) => probabilityAt(features, t, w, model[side].intercept));
  };
  const pBuy = probability('buy');
  const pSell = probability('sell');
  return { symbol: bars.symbol, dates: bars.dates, features, pBuy, pSell, signals: mlSignals(pBuy, pSell, model.settings.confidence) };
}

export interface Explanation {
  side: 'buy' | 'sell';
  probability: number;
  /** log-odds of the row and of the mean training row; contributions sum to their difference. */
  logOdds: number;
  baseValue: number;
  contributions: { feature: string; value: number; shap: number }[];
}

/** Per-feature SHAP explanation of one bar's probability (bar index t of the predictions). */
export function explainBar(model: DualModel, predictions: SymbolPredictions, t: number, side: 'buy' | 'sell'): Explanation {
  const row = predictions.features.map((column) => column[t]);
  const weights = weightsOf(model, side);
  const phi = shapValues(weights, meansOf(model), row);
  const probability = side === 'buy' ? predictions.pBuy[t] : predictions.pSell[t];
  return {
    side,
    probability,
    logOdds: logit(probability),
    baseValue: model[side].shap.baseValue,
    contributions: model.features.map((feature, j) => ({ feature, value: row[j], shap: phi[j] })),
  };
}

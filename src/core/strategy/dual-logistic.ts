/**
 * Dual-logistic strategy: the ML engine's buy and sell models (src/core/ml) turned into trades.
 * Walk-forward: on a retraining date the models are refitted on the rows whose label (the forward
 * return t -> t + horizon) was already known at that close, i.e. label date <= decision date; they
 * then predict each symbol's latest bar until the next retraining. With a saved model instead, the
 * model is used as is (its training period is the user's responsibility, and is shown in the report).
 * Signal (DESIGN.md "signal (ML)"): buy if pBuy > confidence (0.65) and pBuy > pSell; sell mirrored.
 * A buy opens a long of maxPositionSize (10%) of equity; a sell closes it (or opens a short of the
 * same size when shorting is allowed).
 */
import type { PriceSeries } from '../data/types';
import { computeFeatures } from '../features';
import {
  buildDataset, dateKey, defaultMlSettings, fitBoth, hasBothClasses, mlSignal, probabilityAt, resolveSettings, weightsOf,
  type Dataset, type DualModel, type MlSettings,
} from '../ml';
import { defineStrategy, param, type ParamValues } from './define';
import type { Decision, DecisionContext, Strategy } from './types';

const params = {
  /** The ML settings' word (MlSettings.confidence, the `ml.confidence` setting, `train --confidence`). */
  confidence: param.number({
    min: 0.5, max: 1, default: defaultMlSettings.confidence, unit: 'percent', step: 0.05, setting: 'ml.confidence',
    label: 'Signal probability', help: 'A model must be at least this sure (and surer than the other model) to signal.',
  }),
  maxPositionSize: param.number({ min: 0, max: 1, default: 0.1, unit: 'percent', step: 0.05, label: 'Position size', help: 'Share of equity a BUY of the dual logistic strategy opens in a symbol.' }),
  retrainEvery: param.number({ integer: true, min: 1, max: 5000, default: 63, unit: 'dates', label: 'Retrain every (dates)', help: 'In a backtest without a saved model, the models are refitted on the past after this many decision dates.' }),
  minTrainDates: param.number({ integer: true, min: 20, max: 20000, default: 504, unit: 'dates', label: 'Min. training dates', help: 'No signal until this many dates of history can train the models.' }),
};
export type DualLogisticSettings = ParamValues<typeof params>;

export const dualLogisticStrategy = defineStrategy({
  name: 'logistic',
  label: 'Dual logistic (ML)',
  params,
  // Runs saved before the rename called it `threshold`.
  renamed: { threshold: 'confidence' },
  summary: ({ confidence }) => `Logistic ${confidence}`,
  create: (settings, deps) => dualLogisticRule(settings, { model: deps.logisticModel }),
});

interface Coefficients {
  buy: { weights: Float64Array; intercept: number };
  sell: { weights: Float64Array; intercept: number };
}

/** The dual-logistic strategy with checked settings (defaults for those left out), a saved model or ML settings for walk-forward training. */
export function dualLogistic(options: { settings?: Partial<DualLogisticSettings>; ml?: Partial<MlSettings>; model?: DualModel } = {}): Strategy {
  return dualLogisticRule(dualLogisticStrategy.resolve(options.settings), options);
}

function dualLogisticRule(s: DualLogisticSettings, options: { ml?: Partial<MlSettings>; model?: DualModel }): Strategy {
  const ml = resolveSettings(options.model?.settings ?? options.ml);
  let features: Float64Array[][] = [];
  let data: Dataset | undefined;
  let coefficients: Coefficients | undefined = options.model
    ? { buy: { weights: weightsOf(options.model, 'buy'), intercept: options.model.buy.intercept }, sell: { weights: weightsOf(options.model, 'sell'), intercept: options.model.sell.intercept } }
    : undefined;
  let decisionsSinceFit = Infinity;

  /** Fits both models on the rows labelled by `date`; keeps the previous fit when the classes are not both present. */
  function refit(date: string): void {
    const key = dateKey(date);
    const rows: number[] = [];
    const dates = new Set<number>();
    for (let r = 0; r < data!.rows; r++) {
      if (data!.labelDateKey[r] <= key) {
        rows.push(r);
        dates.add(data!.dateKey[r]);
      }
    }
    if (dates.size < s.minTrainDates) return;
    const train = Int32Array.from(rows);
    if (!hasBothClasses(data!, train)) return;
    coefficients = fitBoth(data!, train, ml);
    decisionsSinceFit = 0;
  }

  return {
    name: 'logistic',
    prepare(universe: readonly PriceSeries[]) {
      // Features at bar t use bars <= t only; the labelled dataset is filtered by label date in refit().
      features = universe.map((series) => computeFeatures(series, ml.features));
      if (!options.model) data = buildDataset(universe, { ...ml, from: undefined, to: undefined });
    },
    decide(ctx: DecisionContext): Decision[] {
      if (data && decisionsSinceFit >= s.retrainEvery) refit(ctx.date);
      decisionsSinceFit++;
      if (!coefficients) return [];
      const out: Decision[] = [];
      for (const st of ctx.symbols) {
        if (!st.hasBar) continue;
        const columns = features[st.slot];
        const pBuy = probabilityAt(columns, st.last, coefficients.buy.weights, coefficients.buy.intercept);
        const pSell = probabilityAt(columns, st.last, coefficients.sell.weights, coefficients.sell.intercept);
        const signal = mlSignal(pBuy, pSell, s.confidence);
        if (signal === 0) continue;
        const held = ctx.position(st.symbol).quantity;
        const reason = `pBuy ${pBuy.toFixed(2)}, pSell ${pSell.toFixed(2)}`;
        if (signal > 0) {
          out.push(held > 0 ? { symbol: st.symbol, signal: 'buy', reason } : { symbol: st.symbol, signal: 'buy', targetWeight: s.maxPositionSize, reason });
        } else if (held > 0 || (ctx.allowShort && held === 0)) {
          out.push({ symbol: st.symbol, signal: 'sell', targetWeight: ctx.allowShort ? -s.maxPositionSize : 0, reason });
        } else {
          out.push({ symbol: st.symbol, signal: 'sell', reason });
        }
      }
      return out;
    },
  };
}

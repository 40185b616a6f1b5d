/**
 * Dual-logistic strategy: the ML engine's buy and sell models (src/core/ml) turned into trades.
 * Walk-forward: on a retraining date the models are refitted on the rows whose label (the forward
 * return t -> t + horizon) was already known at that close, i.e. label date <= decision date; they
 * then predict each symbol's latest bar until the next retraining. With a saved model instead, the
 * model is used as is (its training period is the user's responsibility, and is shown in the report).
 * Signal (DESIGN.md "signal (ML)"): buy if pBuy > threshold (0.65) and pBuy > pSell; sell mirrored.
 * A buy opens a long of maxPositionSize (10%) of equity; a sell closes it (or opens a short of the
 * same size when shorting is allowed).
 */
import type { PriceSeries } from '../data/types';
import { computeFeatures } from '../features';
import {
  buildDataset, classWeightsFor, dateKey, fitLogistic, groupRows, mlSignal, resolveSettings, weightsOf,
  type Dataset, type DualModel, type MlSettings,
} from '../ml';
import { defaultMlSettings } from '../ml/defaults';
import { defineStrategy, param, type ParamValues } from './define';
import type { Decision, DecisionContext, Strategy } from './types';

const params = {
  threshold: param.number({
    min: 0.5, max: 1, default: defaultMlSettings.confidence, unit: 'percent', step: 0.05, setting: 'ml.confidence',
    label: 'Confidence threshold', help: 'A model must be at least this sure (and surer than the other model) to signal.',
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
  summary: ({ threshold }) => `Logistic ${threshold}`,
  create: (settings, deps) => dualLogisticRule(settings, { model: deps.logisticModel }),
});
export const dualLogisticDefaults = dualLogisticStrategy.defaults;

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
    const count = (y: Uint8Array) => train.reduce((sum, r) => sum + y[r], 0);
    const buys = count(data!.buy);
    const sells = count(data!.sell);
    if (buys === 0 || buys === train.length || sells === 0 || sells === train.length) return;
    const weights = [classWeightsFor(data!.buy, train, ml.classWeight), classWeightsFor(data!.sell, train, ml.classWeight)];
    const [buy, sell] = groupRows(data!.x, data!.p, train, [data!.buy, data!.sell], weights);
    const fb = fitLogistic(buy, ml.C);
    const fs = fitLogistic(sell, ml.C);
    coefficients = { buy: { weights: fb.weights, intercept: fb.intercept }, sell: { weights: fs.weights, intercept: fs.intercept } };
    decisionsSinceFit = 0;
  }

  const probability = (side: { weights: Float64Array; intercept: number }, columns: Float64Array[], t: number) => {
    let z = side.intercept;
    for (let j = 0; j < columns.length; j++) z += side.weights[j] * columns[j][t];
    return 1 / (1 + Math.exp(-z));
  };

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
        const pBuy = probability(coefficients.buy, columns, st.last);
        const pSell = probability(coefficients.sell, columns, st.last);
        const signal = mlSignal(pBuy, pSell, s.threshold);
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

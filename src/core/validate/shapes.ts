/**
 * Schemas of the JSON files Quant Lens imports. Field maps (`...Fields`) are exported too, so an owner who
 * adds fields extends them (`object({ ...portfolioFields, notes: optional(string()) })`) rather than
 * writing a second schema. Conventions follow DESIGN.md (bars, CLI `train` output).
 */
import { array, boolean, isoDate, json, nullable, number, object, oneOf, optional, record, string, type NumberRules } from './builders';
import type { Infer, Schema } from './schema';

/** Ticker-like names: letters, digits and `.-^=_:/` (e.g. `BRK.B`, `^GSPC`, `EURUSD=X`). */
export const symbolName = () => string({ minLength: 1, maxLength: 32, pattern: /^[A-Za-z0-9.\-^=_:/]+$/, patternName: 'a symbol such as AAPL or ^GSPC' });
const price = () => number({ min: 0 });

/** One daily bar (DESIGN.md conventions). */
export const barSchema = object({
  date: isoDate(),
  open: price(),
  high: price(),
  low: price(),
  close: price(),
  volume: number({ min: 0 }),
  adjClose: optional(price()),
});

export const symbolBarsFields = {
  symbol: symbolName(),
  bars: array(barSchema, { maxLength: 200_000 }),
};
/** Bars of one symbol, `{symbol, bars: [...]}`. */
export const symbolBarsSchema = object(symbolBarsFields);

/** A project's exported price data: several symbols' bars. */
export const barsExportSchema = object({
  version: optional(number({ integer: true, min: 1 })),
  series: array(symbolBarsSchema, { maxLength: 1000 }),
});

const logisticSideFields = {
  /** Feature name -> coefficient. */
  coefficients: record(number(), { maxKeys: 1000, keyPattern: /^[A-Za-z_][\w]*$/ }),
  intercept: number(),
  /** AUC is undefined (written null) when a split holds one class only. */
  auc: object({ train: nullable(number({ min: 0, max: 1 })), test: nullable(number({ min: 0, max: 1 })) }),
  nTrain: number({ integer: true, min: 0 }),
  nTest: number({ integer: true, min: 0 }),
};
export const mlModelFields = {
  buy: object(logisticSideFields),
  sell: object(logisticSideFields),
};
/** Dual logistic model, the `train` CLI output. */
export const mlModelSchema = object(mlModelFields);

/** A metric that can be undefined: a finite number, or null (how JSON writes NaN), read back as NaN. */
function metric(rules?: NumberRules): Schema<number> {
  const finite = number(rules);
  return { expected: `${finite.expected} or null`, check: (value, path, ctx) => (value === null ? NaN : finite.check(value, path, ctx)) };
}
const count = () => number({ integer: true, min: 0 });
const share = () => metric({ min: 0, max: 1 });
const confusionSchema = object({
  threshold: number({ min: 0, max: 1 }),
  truePositive: count(), falsePositive: count(), trueNegative: count(), falseNegative: count(),
  accuracy: share(), precision: share(), recall: share(), baseRate: share(),
});
const rocSchema = array(object({ fpr: number({ min: 0, max: 1 }), tpr: number({ min: 0, max: 1 }) }), { maxLength: 1_000_000 });
/** Feature names may be composed expressions (`close > SMA(50)`); forbidden keys are refused by json() first. */
const byFeature = <T>(value: Schema<T>) => record(value, { maxKeys: 1000 });
const targetModelSchema = object({
  coefficients: byFeature(number()),
  intercept: number(),
  auc: object({ train: share(), test: share() }),
  nTrain: count(),
  nTest: count(),
  confusion: object({ train: confusionSchema, test: confusionSchema }),
  calibration: object({ test: array(object({ from: number(), to: number(), count: count(), meanPredicted: share(), observedRate: share() }), { maxLength: 1000 }) }),
  roc: object({ train: rocSchema, test: rocSchema }),
  importance: array(object({ feature: string({ maxLength: 500 }), coefficient: number() }), { maxLength: 1000 }),
  shap: object({ baseValue: number(), meanAbs: byFeature(metric()) }),
  newtonIterations: count(),
});
/** Longest feature expression a model or experiment may name (`EMA(12) crosses above EMA(26)` is 29). */
export const FEATURE_NAME_MAX_LENGTH = 500;

/**
 * A trained dual model as the Models tab saves and exports it (src/core/ml/model.ts `DualModel`). The
 * settings are checked by the ML code itself; unknown fields are dropped.
 */
export const dualModelSchema = object({
  format: oneOf(['quant-lens/dual-logistic']),
  version: oneOf([1]),
  features: array(string({ minLength: 1, maxLength: FEATURE_NAME_MAX_LENGTH }), { minLength: 1, maxLength: 1000 }),
  settings: json(),
  featureMeans: byFeature(number()),
  trainingRange: object({ symbols: array(symbolName(), { minLength: 1, maxLength: 1000 }), from: isoDate(), to: isoDate(), cutDate: isoDate(), rows: count() }),
  evaluation: oneOf(['time-split', 'walk-forward']),
  folds: optional(array(object({ testFrom: isoDate(), testTo: isoDate(), nTrain: count(), nTest: count(), trainLabelsUntil: isoDate() }), { maxLength: 100_000 })),
  buy: targetModelSchema,
  sell: targetModelSchema,
});

export const tradeSchema = object({
  date: isoDate(),
  symbol: symbolName(),
  side: oneOf(['buy', 'sell']),
  qty: number({ min: 0 }),
  price: price(),
  commission: optional(number({ min: 0 })),
});
export const portfolioFields = {
  name: string({ minLength: 1, maxLength: 200 }),
  cash: number(),
  trades: array(tradeSchema, { maxLength: 100_000 }),
};
/** A mock portfolio: starting cash plus its trade log. */
export const portfolioSchema = object(portfolioFields);

// A strategy spec in a file (a report's config.strategy) is checked by the strategies' own declarations:
// strategySpecSchema in ../strategy/registry.ts (importing the strategies here would make a cycle through ml/).

/**
 * An ML experiment file as the Models tab exports it (src/core/ml/experiment.ts `ExperimentFile`); the
 * settings and the model inside are checked by the ML code (resolveSettings, checkModel).
 */
export const mlExperimentFileSchema = object({
  format: oneOf(['quant-lens/experiment']),
  version: oneOf([1]),
  name: string({ minLength: 1, maxLength: 200 }),
  createdAt: optional(string({ maxLength: 40 })),
  symbols: array(symbolName(), { minLength: 1, maxLength: 1000 }),
  settings: optional(json()),
  model: json(),
});

export const settingsFields = {
  theme: optional(oneOf(['light', 'dark', 'system'])),
  /** Where model files are fetched from: a Hugging Face-style base URL or a self-hosted `models/` prefix. */
  modelUrlPrefix: optional(string({ maxLength: 2000, pattern: /^(https:\/\/|\.{0,2}\/)[^\s]*$/, patternName: 'an https:// URL or a relative path' })),
  preferWebGpu: optional(boolean()),
  threads: optional(number({ integer: true, min: 1, max: 64 })),
};
/** App settings as exported from the Settings tab. */
export const settingsSchema = object(settingsFields);

export type BarJson = Infer<typeof barSchema>;
export type MlModelJson = Infer<typeof mlModelSchema>;
export type PortfolioJson = Infer<typeof portfolioSchema>;
export type SettingsJson = Infer<typeof settingsSchema>;

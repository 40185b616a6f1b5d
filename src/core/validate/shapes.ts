/**
 * Schemas of the JSON files Quant Lens imports. Field maps (`...Fields`) are exported too, so an owner who
 * adds fields extends them (`object({ ...portfolioFields, notes: optional(string()) })`) rather than
 * writing a second schema. Conventions follow DESIGN.md (bars, CLI `train` output, backtest options).
 */
import { array, boolean, isoDate, nullable, number, object, oneOf, optional, record, string, variant } from './builders';
import type { Infer } from './schema';

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

/** Strategy choice, tagged by `name` (DESIGN.md CLI strategies). */
export const strategySchema = variant('name', {
  'buy-hold': object({ name: oneOf(['buy-hold']) }),
  'sma-cross': object({ name: oneOf(['sma-cross']), fast: number({ integer: true, min: 1, max: 1000 }), slow: number({ integer: true, min: 1, max: 1000 }) }),
  rsi: object({
    name: oneOf(['rsi']),
    period: number({ integer: true, min: 1, max: 1000 }),
    lower: number({ min: 0, max: 100 }),
    upper: number({ min: 0, max: 100 }),
  }),
  logistic: object({ name: oneOf(['logistic']), model: optional(mlModelSchema) }),
  forecast: object({ name: oneOf(['forecast']), model: string({ maxLength: 2000 }), horizon: optional(number({ integer: true, min: 1, max: 1024 })) }),
});

export const experimentFields = {
  name: optional(string({ maxLength: 200 })),
  symbols: array(symbolName(), { minLength: 1, maxLength: 500 }),
  strategy: strategySchema,
  capital: number({ min: 0 }),
  commission: number({ min: 0, max: 1 }),
  slippage: number({ min: 0, max: 1 }),
  benchmark: optional(symbolName()),
  rebalance: oneOf(['daily', 'weekly', 'monthly']),
  wholeShares: boolean(),
  allowShort: boolean(),
  borrowRate: optional(number({ min: 0, max: 5 })),
  from: optional(isoDate()),
  to: optional(isoDate()),
};
/** A saved backtest experiment (same option names as the CLI). */
export const experimentSchema = object(experimentFields);

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
export type ExperimentJson = Infer<typeof experimentSchema>;
export type SettingsJson = Infer<typeof settingsSchema>;

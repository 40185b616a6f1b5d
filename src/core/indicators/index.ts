/** Technical indicators: pure functions over Float64Array, warm-up bars NaN (DESIGN.md conventions). */
export { ewmMean } from './ewm-mean';
export { ema } from './ema';
export { sma } from './sma';
export { rollingStd } from './rolling-std';
export { roc } from './roc';
export { macd, type Macd } from './macd';
export { wilderAverage } from './wilder-average';
export { rsi, type RsiSeed } from './rsi';
export { volatility } from './volatility';
export { heikinAshi, type HeikinAshi } from './heikin-ashi';
export { bollinger, type BollingerBands } from './bollinger';
export { atr } from './atr';

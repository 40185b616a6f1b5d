import { atr, bollinger, ema, heikinAshi, macd, roc, rsi, sma, volatility } from '../indicators';

/** The price columns every operand is computed from (a subset of PriceSeries). */
export interface PriceColumns {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/**
 * What a composed feature can compare: a price column, or an indicator of the close (volume for
 * VOLUME_SMA). Indicators with a period are written `NAME(period)` in feature text.
 */
export const priceOperands = ['open', 'high', 'low', 'close', 'volume'] as const;
export const periodOperands = ['SMA', 'EMA', 'RSI', 'ROC', 'VOLATILITY', 'ATR', 'VOLUME_SMA', 'BB_UPPER', 'BB_LOWER'] as const;
export const fixedOperands = ['MACD', 'MACD_SIGNAL', 'MACD_HIST', 'HA_OPEN', 'HA_CLOSE', 'HA_HIGH', 'HA_LOW'] as const;

export type PriceOperand = (typeof priceOperands)[number];
export type PeriodOperand = (typeof periodOperands)[number];
export type FixedOperand = (typeof fixedOperands)[number];

export type Operand =
  | { name: PriceOperand | FixedOperand }
  | { name: PeriodOperand; period: number };

/** Canonical text of an operand: `close`, `SMA(50)`, `MACD_SIGNAL`. */
export function operandText(operand: Operand): string {
  return 'period' in operand ? `${operand.name}(${operand.period})` : operand.name;
}

/** Parses operand text (case-insensitive names), or returns a message saying what was expected. */
export function parseOperand(text: string): Operand | string {
  const trimmed = text.trim();
  const withPeriod = /^([A-Za-z_]+)\s*\(\s*(\d+)\s*\)$/.exec(trimmed);
  if (withPeriod) {
    const name = withPeriod[1].toUpperCase() as PeriodOperand;
    const period = Number(withPeriod[2]);
    if (!periodOperands.includes(name)) {
      const known = (fixedOperands as readonly string[]).includes(name) || (priceOperands as readonly string[]).includes(withPeriod[1].toLowerCase());
      if (!known) return unknownOperand(trimmed);
      return `"${withPeriod[1]}" takes no period (indicators with a period: ${periodOperands.join(', ')})`;
    }
    if (period < 1) return `period of ${name} must be at least 1`;
    return { name, period };
  }
  const lower = trimmed.toLowerCase() as PriceOperand;
  if (priceOperands.includes(lower)) return { name: lower };
  const upper = trimmed.toUpperCase() as FixedOperand;
  if (fixedOperands.includes(upper)) return { name: upper };
  if ((periodOperands as readonly string[]).includes(upper)) return `${upper} needs a period, e.g. ${upper}(14)`;
  return unknownOperand(trimmed);
}

const unknownOperand = (text: string) =>
  `unknown operand "${text}" (expected ${[...priceOperands, ...fixedOperands].join(', ')} or ${periodOperands.map((p) => p + '(n)').join(', ')})`;

/**
 * Computes operand columns for one symbol, each at most once: the nine seed features share
 * EMA9, EMA30 and the MACD lines, and composed features reuse them too.
 */
export function makeOperandResolver(prices: PriceColumns): (operand: Operand) => Float64Array {
  const cache = new Map<string, Float64Array>();
  const memo = (key: string, compute: () => Float64Array) => {
    let column = cache.get(key);
    if (!column) cache.set(key, (column = compute()));
    return column;
  };
  const macdLines = () => {
    const m = macd(prices.close);
    cache.set('MACD', m.macd).set('MACD_SIGNAL', m.signal).set('MACD_HIST', m.histogram);
    return m;
  };
  const haCandles = () => {
    const ha = heikinAshi(prices.open, prices.high, prices.low, prices.close);
    cache.set('HA_OPEN', ha.open).set('HA_CLOSE', ha.close).set('HA_HIGH', ha.high).set('HA_LOW', ha.low);
    return ha;
  };
  const resolve = (operand: Operand): Float64Array => {
    const key = operandText(operand);
    if (!('period' in operand)) {
      switch (operand.name) {
        case 'open':
        case 'high':
        case 'low':
        case 'close':
        case 'volume':
          return prices[operand.name];
        case 'MACD':
          return memo(key, () => macdLines().macd);
        case 'MACD_SIGNAL':
          return memo(key, () => macdLines().signal);
        case 'MACD_HIST':
          return memo(key, () => macdLines().histogram);
        case 'HA_OPEN':
          return memo(key, () => haCandles().open);
        case 'HA_CLOSE':
          return memo(key, () => haCandles().close);
        case 'HA_HIGH':
          return memo(key, () => haCandles().high);
        case 'HA_LOW':
          return memo(key, () => haCandles().low);
      }
    }
    const { name, period } = operand;
    switch (name) {
      case 'SMA':
        return memo(key, () => sma(prices.close, period));
      case 'EMA':
        return memo(key, () => ema(prices.close, period));
      case 'RSI':
        return memo(key, () => rsi(prices.close, period));
      case 'ROC':
        return memo(key, () => roc(prices.close, period));
      case 'VOLATILITY':
        return memo(key, () => volatility(prices.close, period));
      case 'ATR':
        return memo(key, () => atr(prices.high, prices.low, prices.close, period));
      case 'VOLUME_SMA':
        return memo(key, () => sma(prices.volume, period));
      case 'BB_UPPER':
        return memo(key, () => bollinger(prices.close, period).upper);
      case 'BB_LOWER':
        return memo(key, () => bollinger(prices.close, period).lower);
    }
  };
  return resolve;
}

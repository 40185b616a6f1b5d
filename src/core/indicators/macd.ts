import { ema } from './ema';

export interface Macd {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

/**
 * MACD(fast, slow, signal): macd = EMA_fast(close) - EMA_slow(close); signal = EMA_signal(macd);
 * histogram = macd - signal. With pandas EMAs (first value = first input) every line starts at bar 0.
 */
export function macd(close: Float64Array, fast = 12, slow = 26, signal = 9): Macd {
  const fastEma = ema(close, fast);
  const slowEma = ema(close, slow);
  const n = close.length;
  const line = new Float64Array(n);
  for (let i = 0; i < n; i++) line[i] = fastEma[i] - slowEma[i];
  const signalLine = ema(line, signal);
  const histogram = new Float64Array(n);
  for (let i = 0; i < n; i++) histogram[i] = line[i] - signalLine[i];
  return { macd: line, signal: signalLine, histogram };
}

/**
 * Rolling-window versions of the ratios (window in periods of the series: days, weeks or months, and
 * `periodsPerYear` to annualise, 252 by default). Output is aligned with the returns: value t uses
 * returns t-window+1..t; NaN during warm-up, like the indicators.
 */
import { TRADING_DAYS } from './ratios';

interface WindowSums {
  sum: number;
  sumSq: number;
}

function rollingMoments(returns: Float64Array, window: number, emit: (t: number, mean: number, variance: number) => void): void {
  const acc: WindowSums = { sum: 0, sumSq: 0 };
  for (let t = 0; t < returns.length; t++) {
    acc.sum += returns[t];
    acc.sumSq += returns[t] * returns[t];
    if (t >= window) {
      acc.sum -= returns[t - window];
      acc.sumSq -= returns[t - window] * returns[t - window];
    }
    if (t >= window - 1) {
      const m = acc.sum / window;
      emit(t, m, Math.max(0, (acc.sumSq - window * m * m) / (window - 1)));
    }
  }
}

function assertWindow(window: number): void {
  if (!(Number.isInteger(window) && window >= 2)) throw new RangeError(`rolling window must be a whole number >= 2, got ${window}`);
}

/** Annualised volatility over the last `window` returns: std (ddof 1) * sqrt(periodsPerYear). */
export function rollingVolatility(returns: Float64Array, window = 63, periodsPerYear = TRADING_DAYS): Float64Array {
  assertWindow(window);
  const out = new Float64Array(returns.length).fill(NaN);
  rollingMoments(returns, window, (t, _m, v) => (out[t] = Math.sqrt(v * periodsPerYear)));
  return out;
}

/** Sharpe (rf = 0) over the last `window` returns: mean / std * sqrt(periodsPerYear). */
export function rollingSharpe(returns: Float64Array, window = 63, periodsPerYear = TRADING_DAYS): Float64Array {
  assertWindow(window);
  const out = new Float64Array(returns.length).fill(NaN);
  rollingMoments(returns, window, (t, m, v) => (out[t] = v > 0 ? (m / Math.sqrt(v)) * Math.sqrt(periodsPerYear) : NaN));
  return out;
}

/** Sortino over the last `window` returns: mean / sqrt(mean(min(r, 0)^2)) * sqrt(periodsPerYear). */
export function rollingSortino(returns: Float64Array, window = 63, periodsPerYear = TRADING_DAYS): Float64Array {
  assertWindow(window);
  const out = new Float64Array(returns.length).fill(NaN);
  let sum = 0;
  let downside = 0;
  for (let t = 0; t < returns.length; t++) {
    sum += returns[t];
    downside += Math.min(returns[t], 0) ** 2;
    if (t >= window) {
      sum -= returns[t - window];
      downside -= Math.min(returns[t - window], 0) ** 2;
    }
    if (t >= window - 1) {
      const deviation = Math.sqrt(Math.max(0, downside) / window);
      out[t] = deviation > 1e-15 ? ((sum / window) / deviation) * Math.sqrt(periodsPerYear) : NaN;
    }
  }
  return out;
}

/** Beta against a benchmark over the last `window` returns: cov / var. */
export function rollingBeta(returns: Float64Array, benchmarkReturns: Float64Array, window = 63): Float64Array {
  assertWindow(window);
  const n = Math.min(returns.length, benchmarkReturns.length);
  const out = new Float64Array(n).fill(NaN);
  let sa = 0, sb = 0, sab = 0, sbb = 0;
  for (let t = 0; t < n; t++) {
    sa += returns[t]; sb += benchmarkReturns[t];
    sab += returns[t] * benchmarkReturns[t]; sbb += benchmarkReturns[t] ** 2;
    if (t >= window) {
      const a = returns[t - window];
      const b = benchmarkReturns[t - window];
      sa -= a; sb -= b; sab -= a * b; sbb -= b * b;
    }
    if (t >= window - 1) {
      const cov = sab - (sa * sb) / window;
      const varB = sbb - (sb * sb) / window;
      out[t] = varB > 1e-18 ? cov / varB : NaN;
    }
  }
  return out;
}

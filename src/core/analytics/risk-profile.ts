/**
 * The risk profile of one curve: rolling return, volatility, Sharpe and beta windows, historical
 * VaR/CVaR at 95% and 99%, the worst drawdowns with their dates, and a return histogram. The
 * measures are the shared ones of src/core/metrics, at the curve's own frequency: the window is in
 * its periods, volatility and Sharpe are annualised with its periods per year, VaR is for one period.
 */
import { dailyReturns, histogram, historicalCVaR, historicalVaR, rollingBeta, rollingSharpe, rollingVolatility, seriesFrequency, windowLabel, worstDrawdowns, type Histogram, type SeriesFrequency } from '../metrics';
import { valuesOnDates, type ValueCurve } from './curves';

export { histogram, type Histogram } from '../metrics';

export interface DrawdownRow {
  peakDate: string;
  troughDate: string;
  /** Undefined while not recovered. */
  recoveryDate?: string;
  /** Negative fraction. */
  depth: number;
  lengthBars: number;
}

export interface RiskProfile {
  name: string;
  /** The curve's detected frequency: its period ("day", "month") is the VaR horizon and the window's unit. */
  frequency: SeriesFrequency;
  /** The rolling window in the curve's periods, and in words ("63-day", "3-month"). */
  window: number;
  windowLabel: string;
  /** Dates of the returns (each return ends on its date). */
  returnDates: string[];
  rollingReturn: Float64Array;
  rollingVolatility: Float64Array;
  rollingSharpe: Float64Array;
  /** NaN throughout without a benchmark. */
  rollingBeta: Float64Array;
  /** Loss fractions (positive numbers). */
  var95: number;
  cvar95: number;
  var99: number;
  cvar99: number;
  drawdowns: DrawdownRow[];
  histogram: Histogram;
  observations: number;
}

/** value[t] / value[t - window] - 1 aligned with the returns (index t covers returns t-window+1..t). */
export function rollingReturn(values: Float64Array, window: number): Float64Array {
  const out = new Float64Array(Math.max(0, values.length - 1)).fill(NaN);
  for (let t = window - 1; t < out.length; t++) out[t] = values[t + 1] / values[t + 1 - window] - 1;
  return out;
}

/** `window` counts the curve's own periods (bars). */
export function riskProfile(curve: ValueCurve, window: number, benchmark?: ValueCurve): RiskProfile {
  const frequency = seriesFrequency(curve.dates);
  const returns = dailyReturns(curve.values);
  const returnDates = curve.dates.slice(1);
  const beta = new Float64Array(returns.length).fill(NaN);
  if (benchmark) {
    const benchReturns = dailyReturns(valuesOnDates(curve.dates, benchmark));
    // Start where the benchmark has data: a NaN would poison the rolling sums from there on.
    const first = benchReturns.findIndex((r) => Number.isFinite(r));
    if (first >= 0 && returns.length - first >= window) beta.set(rollingBeta(returns.subarray(first), benchReturns.subarray(first), window), first);
  }
  const enough = returns.length >= 2;
  const rolling = returns.length >= window;
  const date = (i: number) => curve.dates[Math.max(0, i)];
  return {
    name: curve.name,
    frequency,
    window,
    windowLabel: windowLabel(window, frequency.period),
    returnDates,
    rollingReturn: rollingReturn(curve.values, window),
    rollingVolatility: rolling ? rollingVolatility(returns, window, frequency.periodsPerYear) : new Float64Array(returns.length).fill(NaN),
    rollingSharpe: rolling ? rollingSharpe(returns, window, frequency.periodsPerYear) : new Float64Array(returns.length).fill(NaN),
    rollingBeta: beta,
    var95: enough ? historicalVaR(returns, 0.95) : NaN,
    cvar95: enough ? historicalCVaR(returns, 0.95) : NaN,
    var99: enough ? historicalVaR(returns, 0.99) : NaN,
    cvar99: enough ? historicalCVaR(returns, 0.99) : NaN,
    drawdowns: worstDrawdowns(curve.values, 5).map((e) => ({
      peakDate: date(e.peak),
      troughDate: date(e.trough),
      recoveryDate: e.recovery >= 0 ? date(e.recovery) : undefined,
      depth: e.depth,
      lengthBars: e.lengthBars,
    })),
    histogram: histogram(returns),
    observations: returns.length,
  };
}

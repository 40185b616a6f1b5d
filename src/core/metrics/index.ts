/** Performance metrics over value curves and trades; reused by the Analytics tab. */
export { dailyReturns, mean, sampleStd, sampleCovariance, quantile } from './returns';
export { TRADING_DAYS, cagr, annualVolatility, sharpeRatio, sortinoRatio, calmarRatio, alphaBeta, informationRatio, rSquared } from './ratios';
export { drawdownSeries, drawdownEpisodes, maxDrawdown, worstDrawdowns, ulcerIndexPct, recoveryFactor, type DrawdownEpisode } from './drawdown';
export { monthlyReturns, yearlyReturns, bestAndWorst, type PeriodReturn } from './periods';
export { seriesFrequency, periodsPerYear, windowInPeriods, windowLabel, type SeriesFrequency } from './frequency';
export { skewness, excessKurtosis, omegaRatio, tailRatio, probabilisticSharpe } from './distribution';
export { normalCdf } from './normal';
export { rollingSharpe, rollingSortino, rollingVolatility, rollingBeta } from './rolling';
export { historicalVaR, historicalCVaR } from './risk';
export { correlationMatrix } from './correlation';
export { tradeStats, type TradeStats } from './trades';
export { curveMetrics, type CurveMetrics } from './curve';
export { analyzeBacktest, type BacktestAnalysis, type BacktestMetrics } from './summary';
export { histogram, type Histogram } from './histogram';

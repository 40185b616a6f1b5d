/**
 * Why a backtest barely trades, in words, from its report: how many signals the strategy gave
 * over how many bars, and what its rule needs (a dual-logistic signal needs a probability above its
 * threshold, which models of rare targets seldom reach). Nothing when it trades at least once per
 * 100 bars, nor for strategies that hold by design (buy and hold, a fixed-weight portfolio).
 */
import type { BacktestReport } from '../../core/report/report';
import { dualLogisticStrategy } from '../../core/strategy/dual-logistic';

/** The run's signal probability (older reports call it `threshold`); the default for a spec that does not check. */
function signalProbability(spec: BacktestReport['config']['strategy']): number {
  try {
    return dualLogisticStrategy.resolve(spec).confidence;
  } catch {
    return dualLogisticStrategy.defaults.confidence;
  }
}

const holdsByDesign = new Set(['buy-hold', 'fixed-weight']);

export function fewTradesNote(report: BacktestReport): string | undefined {
  if (holdsByDesign.has(report.config.strategy.name)) return undefined;
  const trades = report.trades.length + report.openTrades.length;
  const bars = report.metrics.bars;
  if (trades * 100 >= bars) return undefined;
  const buys = report.signals.filter((s) => s.signal === 'buy').length;
  const sells = report.signals.filter((s) => s.signal === 'sell').length;
  const counted = `Only ${trades} trade${trades === 1 ? '' : 's'} in ${bars} bars: the strategy gave ${buys} buy and ${sells} sell signal${buys + sells === 1 ? '' : 's'}.`;
  const strategy = report.config.strategy;
  switch (strategy.name) {
    case 'logistic': {
      const confidence = signalProbability(strategy);
      return `${counted} A signal needs pBuy or pSell above ${confidence}, and models of rare targets are seldom that sure. The Models tab shows how the probabilities spread against the threshold and lets you lower it.`;
    }
    case 'forecast':
      return `${counted} A forecast signal needs a large enough expected return with enough confidence; flat forecasts (most baselines) never reach it.`;
    default:
      return `${counted} Its rule rarely fires on these prices; a shorter period or another symbol trades more.`;
  }
}

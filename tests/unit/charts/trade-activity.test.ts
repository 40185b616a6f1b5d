import { describe, expect, it } from 'vitest';
import { fewTradesNote } from '../../../src/ui/charts/trade-activity';
import type { BacktestReport } from '../../../src/core/report/report';

const report = (trades: number, bars: number, strategy: object, signals: ('buy' | 'sell')[] = []) =>
  ({
    trades: Array.from({ length: trades }, () => ({})),
    openTrades: [],
    metrics: { bars },
    signals: signals.map((signal) => ({ signal })),
    config: { strategy },
  }) as unknown as BacktestReport;

describe('fewTradesNote', () => {
  it('says nothing when the strategy trades at least once per 100 bars', () => {
    expect(fewTradesNote(report(10, 1000, { name: 'sma-cross' }))).toBeUndefined();
  });
  it('explains a dual-logistic backtest that barely trades with its threshold', () => {
    expect(fewTradesNote(report(1, 5105, { name: 'logistic', threshold: 0.7 }, ['buy']))).toBe(
      'Only 1 trade in 5105 bars: the strategy gave 1 buy and 0 sell signal. A signal needs pBuy or pSell above 0.7, and models of rare targets are seldom that sure. The Models tab shows how the probabilities spread against the threshold and lets you lower it.',
    );
    expect(fewTradesNote(report(0, 500, { name: 'logistic' }))).toMatch(/^Only 0 trades in 500 bars: the strategy gave 0 buy and 0 sell signals\. A signal needs pBuy or pSell above 0\.65/);
  });
  it('says nothing for strategies that hold by design (buy and hold, a fixed-weight portfolio)', () => {
    expect(fewTradesNote(report(0, 5151, { name: 'fixed-weight', weights: 'SPX:60,AAPL:40' }, ['buy', 'buy', 'sell']))).toBeUndefined();
    expect(fewTradesNote(report(0, 5151, { name: 'buy-hold' }, ['buy']))).toBeUndefined();
  });
});

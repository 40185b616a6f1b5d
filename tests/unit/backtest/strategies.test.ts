import { describe, expect, it } from 'vitest';
import { runBacktest, truncate } from '../../../src/core/backtest/engine';
import type { PriceSeries } from '../../../src/core/data/types';
import type { Forecast, Forecaster, ForecastRequest } from '../../../src/core/forecast/types';
import { summarizeForecast } from '../../../src/core/forecast/summary';
import { buyHold } from '../../../src/core/strategy/buy-hold';
import { dualLogistic } from '../../../src/core/strategy/dual-logistic';
import { fixedWeight } from '../../../src/core/strategy/fixed-weight';
import { momentum } from '../../../src/core/strategy/example-momentum';
import { classifyForecast, exitLevels, forecastStrategy, forecastStrategyDefaults } from '../../../src/core/strategy/forecast';
import { kellyOptimalFraction, kellyWeight } from '../../../src/core/strategy/kelly';
import { rsiReversion } from '../../../src/core/strategy/rsi-reversion';
import { smaCross } from '../../../src/core/strategy/sma-cross';
import type { Strategy } from '../../../src/core/strategy/types';
import { randomWalk } from './helpers';

/** A toy forecaster: +-5% bands around the momentum of the last 10 closes; counts its calls. */
function momentumForecaster(): Forecaster & { calls: number[] } {
  const levels = [0.1, 0.5, 0.9];
  const calls: number[] = [];
  return {
    calls,
    info: { id: 'test:momentum', label: 'momentum', kind: 'baseline', levels },
    async forecast(requests: ForecastRequest[], { horizon }): Promise<Forecast[]> {
      calls.push(requests.length);
      return requests.map(({ target }) => {
        const last = target[target.length - 1];
        const drift = target.length > 10 ? last / target[target.length - 11] - 1 : 0;
        const mid = last * (1 + drift);
        const quantiles = new Float64Array(3 * horizon);
        for (let t = 0; t < horizon; t++) {
          quantiles[t] = mid * 0.95;
          quantiles[horizon + t] = mid;
          quantiles[2 * horizon + t] = mid * 1.05;
        }
        return summarizeForecast({ levels, quantiles, horizon, lastPrice: last });
      });
    },
  };
}

const universe = () => [randomWalk('AAA', 900, 7), randomWalk('BBB', 900, 11), randomWalk('CCC', 700, 13, '2000-06-01')];

const makers: [string, () => Strategy][] = [
  ['buy-hold', () => buyHold()],
  ['sma-cross', () => smaCross({ fast: 5, slow: 20 })],
  ['rsi', () => rsiReversion({ period: 14, lower: 40, upper: 60 })],
  ['forecast', () => forecastStrategy(momentumForecaster(), { horizon: 5, returnThresholdBuy: 0.01, returnThresholdSell: -0.01, minConfidence: 0.5 })],
  ['logistic', () => dualLogistic({ settings: { minTrainDates: 150, retrainEvery: 40, confidence: 0.55 } })],
  ['example-momentum (docs/custom-strategy.md)', () => momentum({ lookback: 20, top: 1 })],
  ['fixed-weight, monthly (CCC joins late)', () => fixedWeight({ weights: 'AAA:40,BBB:30,CCC:20', rebalanceRule: 'monthly' })],
  ['fixed-weight, drift band', () => fixedWeight({ weights: 'AAA:40,BBB:30,CCC:20', rebalanceRule: 'drift', driftBand: 2 })],
];

describe('no look-ahead: decisions up to a date do not change when later data is removed', () => {
  for (const [name, make] of makers) {
    it(name, async () => {
      const full = universe();
      const cutoff = full[0].dates[600];
      const cut = full.map((s) => truncate(s, s.dates.filter((d) => d <= cutoff).length));
      const config = { allowShort: name !== 'buy-hold' };
      const a = await runBacktest({ universe: full }, make(), config);
      const b = await runBacktest({ universe: cut }, make(), config);
      // The truncated run's last date takes no decision; everything before it must agree.
      const before = (d: string) => d < cutoff;
      expect(b.signals.length).toBeGreaterThan(0);
      expect(a.signals.filter((s) => before(s.date))).toEqual(b.signals.filter((s) => before(s.date)));
      expect(a.fills.filter((f) => f.date <= cutoff)).toEqual(b.fills);
      expect(Array.from(a.equity.subarray(0, b.equity.length))).toEqual(Array.from(b.equity));
    });
  }
});

describe('fractional Kelly sizing', () => {
  const settings = { kellyFraction: 0.25, maxPositionWeight: 0.25, riskPerTrade: 0.02 };
  it('follows f* = p - (1 - p) / b and its caps', () => {
    expect(kellyOptimalFraction(0.6, 2)).toBeCloseTo(0.4, 12);
    expect(kellyWeight(0.6, 2, 0.05, settings)).toBeCloseTo(0.1, 12); // 0.25 * 0.4
    expect(kellyWeight(0.9, 3, 0.1, settings)).toBeCloseTo(0.2, 12); // risk cap 0.02 / 0.1 beats 0.25 * 0.8667
    expect(kellyWeight(0.99, 50, 0.01, settings)).toBeCloseTo(0.24745, 12); // 0.25 * (0.99 - 0.01/50)
    expect(kellyWeight(0.99, 50, 0.001, { ...settings, kellyFraction: 1 })).toBe(0.25); // max weight
    expect(kellyWeight(0.4, 1, 0.05, settings)).toBe(0); // negative edge: no trade
  });
});

describe('forecast strategy', () => {
  const f = (expectedReturn: number, confidence: number) => ({ expectedReturn, confidence });
  it('classifies with DESIGN thresholds (2%, -2%, confidence 0.5)', () => {
    const s = forecastStrategyDefaults;
    expect([f(0.02, 0.5), f(0.019, 0.9), f(-0.02, 0.5), f(-0.05, 0.49), f(0.05, 0.8)].map((x) => classifyForecast(x, s)))
      .toEqual(['buy', 'hold', 'sell', 'hold', 'buy']);
  });

  it('reads stop and target from the quantiles, falling back to fixed percentages', () => {
    const levels = [0.1, 0.5, 0.9];
    const forecast = summarizeForecast({ levels, quantiles: Float64Array.from([95, 97, 100, 104, 105, 110]), horizon: 2, lastPrice: 100 });
    expect(exitLevels(forecast, 100, 1, forecastStrategyDefaults)).toEqual({ stopLoss: 97, takeProfit: 110 });
    // Whole band above the price: a quantile stop would sit above the entry, so use 5% / 10%.
    const high = summarizeForecast({ levels, quantiles: Float64Array.from([101, 102, 103, 104, 105, 110]), horizon: 2, lastPrice: 100 });
    expect(exitLevels(high, 100, 1, forecastStrategyDefaults)).toEqual({ stopLoss: 95, takeProfit: expect.closeTo(110, 10) });
    expect(exitLevels(forecast, 100, -1, { ...forecastStrategyDefaults, stops: 'fixed' })).toEqual({ stopLoss: 105, takeProfit: 90 });
  });

  it('batches every origin of a symbol into one forecast call before the loop and sizes entries with Kelly', async () => {
    const forecaster = momentumForecaster();
    const series: PriceSeries[] = [randomWalk('AAA', 120, 3), randomWalk('BBB', 120, 5)];
    const result = await runBacktest({ universe: series }, forecastStrategy(forecaster, { horizon: 5, returnThresholdBuy: 0.01 }), {});
    // Every decision date but the last, from the 2nd bar (1 bar is no history): one call per symbol.
    expect(forecaster.calls).toEqual([118, 118]);
    const entries = result.signals.filter((s) => s.targetWeight !== undefined && s.targetWeight > 0);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.targetWeight!).toBeLessThanOrEqual(0.25);
    expect(result.signalCounts.buy + result.signalCounts.sell + result.signalCounts.hold).toBe(2 * 119);
  });
});

describe('forecast strategy: batching across origins', () => {
  it('gives each origin exactly its own past and decides as the date-by-date strategy does', async () => {
    const seen: ForecastRequest[] = [];
    const inner = momentumForecaster();
    const spy: Forecaster = { info: inner.info, forecast: (requests, options) => (seen.push(...requests), inner.forecast(requests, options)) };
    const settings = { horizon: 5, contextLength: 60, returnThresholdBuy: 0.01, returnThresholdSell: -0.01 };
    const config = { rebalance: 'weekly' as const, allowShort: true };
    const batched = await runBacktest({ universe: universe() }, forecastStrategy(spy, settings), config);
    const series = new Map(universe().map((s) => [s.symbol, s]));
    expect(seen.length).toBeGreaterThan(300);
    for (const r of seen) {
      const s = series.get(r.origin!.symbol)!;
      const bar = s.dates.indexOf(r.origin!.date);
      expect(Array.from(r.target)).toEqual(Array.from(s.close.subarray(Math.max(0, bar + 1 - 60), bar + 1)));
    }
    // The same strategy without the plan forecasts date by date, inside the loop.
    const { prepare: _, ...dateByDate } = forecastStrategy(momentumForecaster(), settings);
    const unbatched = await runBacktest({ universe: universe() }, dateByDate, config);
    expect(batched.signals).toEqual(unbatched.signals);
    expect(Array.from(batched.equity)).toEqual(Array.from(unbatched.equity));
  });
});

describe('dual-logistic strategy', () => {
  it('trades nothing until it has enough labelled history, then sizes positions at 10%', async () => {
    const series = [randomWalk('AAA', 800, 21)];
    const result = await runBacktest({ universe: series }, dualLogistic({ settings: { minTrainDates: 300, confidence: 0.5 } }), { commission: 0, slippage: 0 });
    expect(result.fills.length).toBeGreaterThan(0);
    // 300 labelled dates need 300 + horizon (10) + warm-up bars before the first fit.
    expect(result.fills[0].date > series[0].dates[310]).toBe(true);
    const buy = result.fills.find((x) => x.side === 'buy')!;
    const k = result.dates.indexOf(buy.date);
    expect((buy.quantity * buy.price) / result.equity[k - 1]).toBeCloseTo(0.1, 1);
  });
});

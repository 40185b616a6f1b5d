/**
 * Kelly sizing and quantile stops with a real model: the tiny Chronos-2 checkpoint (tests/fixtures/chronos2)
 * drives the forecast strategy through a real backtest on a random walk where it gives BUY signals. Every
 * decision is recorded, and its weight and stop / target levels are worked out again here from the
 * forecast's raw quantiles with the DESIGN.md formulas (own CDF, own Kelly arithmetic), not with the
 * strategy's code.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src/core/backtest/engine';
import type { PriceSeries } from '../../../src/core/data/types';
import { loadForecaster } from '../../../src/core/forecast/model-loader';
import type { Forecaster } from '../../../src/core/forecast/types';
import { forecastStrategy } from '../../../src/core/strategy/forecast';
import type { Decision, Strategy } from '../../../src/core/strategy/types';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/chronos2/${name}`, import.meta.url));

/** A deterministic random walk of daily bars (weekdays from 2023-01-02), ±1% steps, open = previous close. */
function randomWalk(symbol: string, bars: number, seed: number): PriceSeries {
  let state = seed;
  const uniform = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  const dates: string[] = [];
  for (let d = new Date('2023-01-02T00:00:00Z'); dates.length < bars; d.setUTCDate(d.getUTCDate() + 1)) if (d.getUTCDay() % 6 !== 0) dates.push(d.toISOString().slice(0, 10));
  const close = new Float64Array(bars);
  let price = 100;
  for (let i = 0; i < bars; i++) close[i] = price *= 1 + 0.02 * uniform();
  const open = close.map((_, i) => (i === 0 ? close[0] : close[i - 1]));
  return {
    symbol, dates, open, close,
    high: close.map((c, i) => Math.max(c, open[i]) * 1.002),
    low: close.map((c, i) => Math.min(c, open[i]) * 0.998),
    volume: new Float64Array(bars).fill(1e6),
  };
}

/** P(final value > price) from the horizon-end quantiles: piecewise-linear CDF through sorted (value, level), clamped to the model's levels. */
function probabilityAbove(levels: number[], values: number[], price: number): number {
  const v = [...values].sort((a, b) => a - b);
  if (price < v[0]) return 1 - levels[0];
  if (price >= v[v.length - 1]) return 1 - levels[levels.length - 1];
  let j = 0;
  while (v[j + 1] <= price) j++;
  return 1 - (levels[j] + ((price - v[j]) / (v[j + 1] - v[j])) * (levels[j + 1] - levels[j]));
}

const settings = { horizon: 10, contextLength: 512, stopQuantile: 0.2, takeProfitQuantile: 0.8 };
const universe = [7, 11, 13, 17, 19, 23, 29, 31, 37, 41].map((seed, i) => randomWalk(`WALK${i}`, 320, seed));
const seriesOf = (symbol: string) => universe.find((s) => s.symbol === symbol)!;

describe('forecast strategy with the real tiny Chronos-2 model', () => {
  let forecaster: Forecaster;
  const decisions: { date: string; decision: Decision }[] = [];
  let result: Awaited<ReturnType<typeof runBacktest>>;

  beforeAll(async () => {
    forecaster = await loadForecaster(ort, { configJson: fixture('config.json').toString('utf8'), weights: new Uint8Array(fixture('model.safetensors')) });
    const strategy = forecastStrategy(forecaster, settings);
    // Records what the real strategy decided, unchanged.
    const recorded: Strategy = {
      name: strategy.name,
      async decide(ctx) {
        const out = await strategy.decide(ctx);
        for (const decision of out) decisions.push({ date: ctx.date, decision });
        return out;
      },
    };
    result = await runBacktest({ universe }, recorded, { from: universe[0].dates[200], rebalance: 'daily' });
  }, 120_000);
  afterAll(() => forecaster?.dispose?.());

  it('gives BUY signals sized by Kelly with stops at the forecast quantiles, matching the formulas worked here', async () => {
    const sized = decisions.filter(({ decision }) => decision.signal === 'buy' && decision.targetWeight !== undefined && decision.targetWeight > 0);
    expect(sized.length).toBeGreaterThanOrEqual(3);
    let quantileStops = 0;
    for (const { date, decision } of sized) {
      const series = seriesOf(decision.symbol);
      const end = series.dates.indexOf(date) + 1;
      const closes = series.close.subarray(Math.max(0, end - settings.contextLength), end);
      const price = closes[closes.length - 1];
      const [f] = await forecaster.forecast([{ target: closes }], { horizon: settings.horizon });
      const H = settings.horizon;
      const atEnd = f.levels.map((_, q) => f.quantiles[q * H + H - 1]);
      const median = atEnd[f.levels.indexOf(0.5)];
      // The BUY rule (DESIGN.md "signal (forecast)"): expected return >= 2% and confidence >= 50%.
      expect(median / price - 1).toBeGreaterThanOrEqual(0.02);
      const p = probabilityAbove(f.levels, atEnd, price);
      expect(p).toBeGreaterThanOrEqual(0.5);
      // Stops at the 0.2 / 0.8 levels (both predicted levels of Chronos-2) when they straddle the price, else 5% / 10%.
      let stop = atEnd[f.levels.indexOf(0.2)];
      let target = atEnd[f.levels.indexOf(0.8)];
      if (stop < price && target > price) quantileStops++;
      else [stop, target] = [price * 0.95, price * 1.1];
      expect(decision.stopLoss).toBeCloseTo(stop, 9);
      expect(decision.takeProfit).toBeCloseTo(target, 9);
      // DESIGN.md Kelly sizing: f* = p - (1 - p) / b; weight = min(0.25 f*, 25%, 2% / stop distance).
      const b = (target - price) / (price - stop);
      const kelly = p - (1 - p) / b;
      const weight = Math.min(0.25 * kelly, 0.25, 0.02 / ((price - stop) / price));
      expect(decision.targetWeight).toBeCloseTo(weight, 9);
    }
    console.log(`${sized.length} Kelly-sized BUYs, ${quantileStops} with quantile stops; weights ${sized.map(({ decision }) => decision.targetWeight!.toFixed(3)).join(', ')}`);
    // Both branches of the stop rule ran with real forecasts, the quantile one more than once.
    expect(quantileStops).toBeGreaterThanOrEqual(2);
    expect(quantileStops).toBeLessThan(sized.length);
  });

  it('the backtest traded on those decisions: positions opened at the next open with the protective levels', () => {
    expect(result.signalCounts.buy).toBeGreaterThanOrEqual(3);
    expect(result.fills.filter((fill) => fill.quantity > 0).length).toBeGreaterThanOrEqual(1);
    expect(result.signals.some((s) => / Kelly weight \d+\.\d%$/.test(s.reason))).toBe(true);
  });
});

/**
 * The engine against an independent Python reference (tests/reference/backtest/sma_cross_reference.py,
 * numpy, one explicit loop) on real data: SMA crossovers on the demo S&P 500 with next-open fills,
 * slippage, commission on each fill and all-in sizing, as the well-known Python backtesting libraries
 * do. The fixture is the script's committed output, so the test needs no Python.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src/core/backtest/engine';
import type { PriceSeries } from '../../../src/core/data/types';
import { analyzeBacktest } from '../../../src/core/metrics';
import { smaCross } from '../../../src/core/strategy/sma-cross';
import { loadSp500 } from './sp500';

interface RefTrade { direction: string; entryDate: string; exitDate: string; entryPrice: number; exitPrice: number; quantity: number; pnl: number; returnPct: number }
interface Scenario { settings: { fast: number; slow: number; allow_short: boolean; whole: boolean }; openTrades: number; metrics: Record<string, number>; trades: RefTrade[]; equitySample: Record<string, number> }
const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/backtest/sma-cross-reference.json'), 'utf8')) as {
  capital: number; commission: number; slippage: number; scenarios: Record<string, Scenario>;
};

describe('SMA crossover on the demo S&P 500 vs the independent Python reference', () => {
  let spx: PriceSeries;
  beforeAll(async () => {
    spx = await loadSp500();
  });

  for (const [name, scenario] of Object.entries(fixture.scenarios)) {
    it(`${name}: same trades, equity and metrics`, async () => {
      const { fast, slow, allow_short, whole } = scenario.settings;
      const result = await runBacktest({ universe: [spx] }, smaCross({ fast, slow }), {
        capital: fixture.capital, commission: fixture.commission, slippage: fixture.slippage, allowShort: allow_short, wholeShares: whole,
      });
      expect(result.trades.length).toBe(scenario.trades.length);
      result.trades.forEach((t, i) => {
        const ref = scenario.trades[i];
        expect([t.direction, t.entryDate, t.exitDate]).toEqual([ref.direction, ref.entryDate, ref.exitDate]);
        expect(t.entryPrice).toBeCloseTo(ref.entryPrice, 8);
        expect(t.exitPrice).toBeCloseTo(ref.exitPrice, 8);
        expect(t.quantity).toBeCloseTo(ref.quantity, 8);
        expect(t.pnl).toBeCloseTo(ref.pnl, 6);
        expect(t.returnPct).toBeCloseTo(ref.returnPct, 8);
      });
      expect(result.openTrades.length).toBe(scenario.openTrades);
      for (const [date, value] of Object.entries(scenario.equitySample)) {
        expect(result.equity[result.dates.indexOf(date)]).toBeCloseTo(value, 6);
      }
      const { metrics } = analyzeBacktest(result);
      for (const [key, value] of Object.entries(scenario.metrics)) {
        expect(metrics[key as keyof typeof metrics], key).toBeCloseTo(value, 6);
      }
    });
  }
});

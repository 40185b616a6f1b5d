import { describe, expect, it } from 'vitest';
import { crossedQuantileSteps, fanChartOption, invertedCoverage, orderedInterval } from '../../../src/ui/forecast/charts';
import type { SymbolEvaluation, SymbolForecast } from '../../../workers/forecast/api';

const f64 = (values: number[]) => Float64Array.from(values);

/** A 3-step forecast whose 80% quantiles cross at the second step (lower 105 > upper 95). */
function crossingForecast(): SymbolForecast {
  return {
    symbol: 'AAA',
    model: { id: 'm', label: 'M', kind: 'chronos-bolt', levels: [0.1, 0.5, 0.9] } as unknown as SymbolForecast['model'],
    backend: 'wasm',
    historyDates: ['2024-01-01', '2024-01-02'],
    history: f64([99, 100]),
    futureDates: ['2024-01-03', '2024-01-04', '2024-01-05'],
    forecast: {
      levels: [0.1, 0.5, 0.9],
      quantiles: new Float64Array(9),
      horizon: 3,
      median: f64([100, 101, 102]),
      interval80: { lower: f64([95, 105, 96]), upper: f64([105, 95, 108]) },
      interval95: { lower: f64([90, 90, 90]), upper: f64([110, 112, 114]) },
      expectedReturn: 0.02,
      confidence: 0.6,
    },
    milliseconds: 1,
  } as SymbolForecast;
}

describe('fan chart', () => {
  it('orders crossed bounds and counts the crossings', () => {
    expect(orderedInterval([95, 105, 96], [105, 95, 108])).toEqual({ lower: [95, 95, 96], upper: [105, 105, 108], crossedSteps: 1 });
    expect(crossedQuantileSteps(crossingForecast())).toBe(1);
  });

  it('draws every band width as a non-negative stack on its lower bound, coloured like its legend entry', () => {
    const option = fanChartOption(crossingForecast());
    const series = option.series as { name: string; stack?: string; stackStrategy?: string; data: (number | null)[]; itemStyle?: { color: string }; areaStyle?: { color: string } }[];
    const band80 = series.find((s) => s.name === '80% interval')!;
    const lower80 = series.find((s) => s.name === '80% interval lower')!;
    // history is 2 bars: one pad, then the fan opens at the last price
    expect(lower80.data).toEqual([null, 100, 95, 95, 96]);
    expect(band80.data).toEqual([null, 0, 10, 10, 12]);
    for (const s of series.filter((x) => x.stack)) expect(s.stackStrategy).toBe('all');
    for (const name of ['80% interval', '95% interval']) {
      const s = series.find((x) => x.name === name)!;
      expect(s.itemStyle!.color).toBe(s.areaStyle!.color);
    }
    expect(series.find((s) => s.name === '80% interval')!.areaStyle!.color).not.toBe(series.find((s) => s.name === '95% interval')!.areaStyle!.color);
    for (const name of ['History', 'Median']) expect(series.find((x) => x.name === name)!.itemStyle?.color).toBeDefined();
  });

  it('flags forecasters whose 95% coverage is below their 80% coverage', () => {
    const score = (id: string, coverage80: number, coverage95: number) => ({ info: { id }, coverage80, coverage95 });
    const result = { scores: [score('ok', 0.8, 0.95), score('crossed', 0.7, 0.5), score('nan', Number.NaN, Number.NaN)] } as unknown as SymbolEvaluation;
    expect([...invertedCoverage(result)]).toEqual(['crossed']);
  });
});

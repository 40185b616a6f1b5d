import { describe, expect, it } from 'vitest';
import { barsToSeries } from '../../../src/core/data/types';
import { ema, rsi } from '../../../src/core/indicators';
import { markersFromTrades } from '../../../src/ui/charts/markers';
import { defaultLayers, priceChartHeight, priceChartOption, priceChartPanes } from '../../../src/ui/charts/price-chart';
import type { Trade } from '../../../src/core/portfolio/types';

const dates = Array.from({ length: 40 }, (_, i) => `2024-02-${String(i + 1).padStart(2, '0')}`.replace(/-(\d\d)$/, (_, d) => `-${d}`));
const bars = barsToSeries('AAA', dates.map((date, i) => ({ date, open: 100 + i, high: 102 + i, low: 99 + i, close: 101 + i + (i % 3), volume: 1000 + i })));

type Series = { name: string; type: string; xAxisIndex: number; data: unknown[] };

describe('priceChartOption', () => {
  const trade = { symbol: 'AAA', direction: 'long', entryDate: dates[5], exitDate: dates[20], entryPrice: 105.5, exitPrice: 121.2, returnPct: 14.88, entryNote: 'SMA 10 crossed above SMA 30', exitReason: 'signal', exitNote: 'SMA 10 crossed below SMA 30' } as Trade;
  const equity = { dates: dates.slice(3), equity: dates.slice(3).map((_, i) => 1000 + i), drawdown: dates.slice(3).map(() => -0.1) };
  const option = priceChartOption({ bars, layers: { ...defaultLayers, rsi: true }, markers: markersFromTrades([trade], 'AAA'), equity });
  const series = option.series as Series[];

  it('stacks price, volume, RSI, equity and drawdown panes on one zoom covering every x axis', () => {
    expect(priceChartPanes({ layers: { ...defaultLayers, rsi: true }, equity })).toEqual(['price', 'volume', 'rsi', 'equity', 'drawdown']);
    const zoom = option.dataZoom as { xAxisIndex: number[] }[];
    for (const z of zoom) expect(z.xAxisIndex).toEqual([0, 1, 2, 3, 4]);
    expect((option.axisPointer as { link: unknown }).link).toEqual([{ xAxisIndex: 'all' }]);
    expect(priceChartHeight({ layers: defaultLayers })).toBeLessThan(priceChartHeight({ layers: { ...defaultLayers, rsi: true }, equity }));
  });

  it('takes indicator values from the core and puts the equity on the price dates', () => {
    const ema20 = series.find((s) => s.name === 'EMA 20')!;
    expect(ema20.data).toEqual(Array.from(ema(bars.close, 20)));
    const rsiLine = series.find((s) => s.name === 'RSI 14')!;
    expect(rsiLine.xAxisIndex).toBe(2);
    expect(rsiLine.data).toEqual(Array.from(rsi(bars.close, 14), (v) => (Number.isFinite(v) ? v : null)));
    const equityLine = series.find((s) => s.name === 'Equity')!;
    expect(equityLine.data.slice(0, 4)).toEqual([null, null, null, 1000]);
    expect(series.find((s) => s.name === 'Drawdown')!.data[3]).toBeCloseTo(-10, 12);
  });

  it('marks entries and exits at their dates and prices, with the reasons in the tooltip', () => {
    const entries = series.find((s) => s.name === 'Entries')!.data as { value: number[]; reason: string }[];
    const exits = series.find((s) => s.name === 'Exits')!.data as { value: number[]; reason: string }[];
    expect(entries).toMatchObject([{ value: [5, 105.5], reason: 'SMA 10 crossed above SMA 30' }]);
    expect(exits).toMatchObject([{ value: [20, 121.2], reason: 'signal: SMA 10 crossed below SMA 30 (+14.88%)' }]);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter([{ dataIndex: 5 }])).toContain('long entry at 105.50: SMA 10 crossed above SMA 30');
    expect(formatter([{ dataIndex: 20 }])).toContain('exit at 121.20: signal: SMA 10 crossed below SMA 30 (+14.88%)');
    expect(formatter([{ dataIndex: 6 }])).not.toContain('entry at');
  });
});

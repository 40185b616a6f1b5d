/**
 * The app's echarts options for the tearsheet and heatmaps (issue 12, defect 5): colour scales above
 * the plot (not on the axis labels), the monthly heatmap's yearly column, and axis labels that never
 * read "-0".
 */
import { describe, expect, it } from 'vitest';
import { heatmapChart, percentTick, plainTick } from '../../../src/ui/analytics/chart-options';
import { buildTearsheet } from '../../../src/core/report/tearsheet';
import { buildReport } from '../../../src/core/report/report';
import { runBacktest } from '../../../src/core/backtest/engine';
import { smaCross } from '../../../src/core/strategy/sma-cross';
import { correlationOption, sweepHeatmapOption } from '../../../src/ui/backtest/charts';
import { cumulativeOption, monthlyHeatmapOption, underwaterOption } from '../../../src/ui/backtest/tearsheet-charts';
import { loadSp500 } from './sp500';

type Formatter = (v: number) => string;
const visualMaps = (option: { visualMap?: unknown }) => ([] as { top?: number; bottom?: number; show?: boolean }[]).concat(option.visualMap as never);

describe('chart labels in the app', () => {
  it('tick formatters never print "-0"', () => {
    for (const v of [-0, -1e-9, -4e-8, 1e-12]) {
      expect(plainTick(v)).toBe('0');
      expect(percentTick(0)(v)).toBe('0%');
      expect(percentTick(1)(v)).toBe('0.0%');
    }
    expect(plainTick(-0.25)).toBe('-0.25');
    expect(plainTick(125000)).toBe('125,000');
    expect(plainTick(0.1 + 0.2)).toBe('0.3');
  });

  it('heatmap colour scales sit above the plot, the monthly heatmap has a yearly column', async () => {
    const report = buildReport(await runBacktest({ universe: [await loadSp500()] }, smaCross({ fast: 10, slow: 30 }), {}), { name: 'sma-cross' });
    const t = buildTearsheet(report);
    const monthly = monthlyHeatmapOption(t);
    expect((monthly.xAxis as { data: string[] }).data).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Year']);
    const yearCells = (monthly.series as { name: string; data: number[][] }[]).find((s) => s.name === 'Year')!.data;
    expect(yearCells).toHaveLength(21);
    expect(yearCells[0]).toEqual([12, 0, Number(t.monthly.yearTotals[0].toFixed(2))]);
    const options = [monthly, heatmapChart(['A', 'B'], [[1, 0.5], [0.5, 1]]), sweepHeatmapOption([5, 10], [20, 30], () => 1, 'sharpe'),
      correlationOption({ correlation: { symbols: ['A', 'B'], matrix: [[1, 0], [0, 1]] } })];
    for (const option of options) {
      for (const map of visualMaps(option)) {
        if (map.show === false) continue;
        expect(map.top).toBe(0);
        expect(map.bottom).toBeUndefined();
      }
      expect((option.grid as { top: number }).top).toBeGreaterThanOrEqual(48);
    }
    // Percent axes of the tearsheet: a value that rounds to zero is "0%".
    for (const option of [cumulativeOption(t, 'linear', 'SPX'), underwaterOption(t)]) {
      const formatter = ((option.yAxis as { axisLabel: { formatter: Formatter } }).axisLabel.formatter);
      expect(formatter(-0.0000001)).toBe('0%');
      expect(formatter(-10)).toBe('-10%');
    }
    const marked = (underwaterOption(t).series as { markArea: { data: unknown[] } }[])[0].markArea.data;
    expect(marked).toHaveLength(5);
  });
});

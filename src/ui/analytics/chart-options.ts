/** echarts options for the Analytics tab, built from ready numbers (no maths here beyond layout). */
import type { EChartsOption } from 'echarts';
import type { Comparison, Histogram } from '../../core/analytics';
import { formatAxisValue, formatTick } from '../../core/report/ticks';

/** Axis label formatters shared by the app's charts: "0" rather than "-0" for values that round to zero. */
export const plainTick = (v: number): string => formatAxisValue(v);
/** A fraction as a percent label (0.05 -> "5%"). */
export const percentTick = (decimals: number) => (v: number): string => `${formatTick(v * 100, decimals)}%`;

/** [date, value] pairs with gaps (NaN) as nulls, so lines break instead of dropping to 0. */
export function timePairs(dates: readonly string[], values: ArrayLike<number>): [string, number | null][] {
  return dates.map((d, i) => [d, Number.isFinite(values[i]) ? values[i] : null]);
}

/** Lines over time with a scrolling legend on top (so no axis name there: the chart's title says what is shown). */
export function lineChart(series: { name: string; dates: readonly string[]; values: ArrayLike<number> }[], percent = false): EChartsOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? (percent ? `${(v * 100).toFixed(2)}%` : v.toFixed(2)) : '—') },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 56 },
    xAxis: { type: 'time' },
    // An explicit `axisLabel: undefined` would hide the labels: only set it when formatting.
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: percent ? percentTick(0) : plainTick } },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series: series.map((s) => ({ type: 'line', name: s.name, showSymbol: false, sampling: 'lttb', connectNulls: false, data: timePairs(s.dates, s.values) })),
  };
}

export function comparisonChart(comparison: Comparison): EChartsOption {
  return lineChart(comparison.curves.map((c) => ({ name: c.name, dates: c.dates, values: c.normalised })));
}

export function heatmapChart(names: string[], matrix: number[][]): EChartsOption {
  const data = matrix.flatMap((row, i) => row.map((v, j) => [j, i, Number.isFinite(v) ? Number(v.toFixed(2)) : '-']));
  return {
    tooltip: { formatter: (p) => { const [x, y, v] = (p as unknown as { value: [number, number, number] }).value; return `${names[y]} / ${names[x]}: ${v}`; } },
    grid: { left: 80, right: 16, top: 56, bottom: 80 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 45 } },
    yAxis: { type: 'category', data: names },
    // The colour scale sits above the plot: below it, it covered the rotated axis labels.
    visualMap: { min: -1, max: 1, calculable: true, orient: 'horizontal', left: 'center', top: 0, itemHeight: 120, inRange: { color: ['#2166ac', '#f7f7f7', '#b2182b'] } },
    series: [{ type: 'heatmap', data, label: { show: names.length <= 8 } }],
  };
}

export function histogramChart(name: string, h: Histogram, var95: number, var99: number, xName = 'Daily return'): EChartsOption {
  const centres = Array.from(h.counts, (_, i) => (h.edges[i] + h.edges[i + 1]) / 2);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    xAxis: { type: 'value', name: xName, axisLabel: { formatter: percentTick(1) } },
    yAxis: { type: 'value', name: 'Count', axisLabel: { formatter: plainTick } },
    series: [{
      type: 'bar', name, barWidth: '90%', data: centres.map((c, i) => [c, h.counts[i]]),
      markLine: {
        symbol: 'none',
        data: [
          { xAxis: -var95, name: 'VaR 95%', label: { formatter: '{b}', position: 'end' } },
          { xAxis: -var99, name: 'VaR 99%', label: { formatter: '{b}', position: 'insideStartTop' } },
        ],
      },
    }],
  };
}

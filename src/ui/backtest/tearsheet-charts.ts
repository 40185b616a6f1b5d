/**
 * echarts options for the tearsheet (src/core/report/tearsheet.ts did the maths): cumulative returns,
 * years, the monthly heatmap with its yearly column, the return distribution, rolling measures and
 * the underwater chart. Axis labels use the shared tick formatters (round, never "-0").
 */
import type { EChartsOption } from 'echarts';
import type { Tearsheet } from '../../core/report/tearsheet';
import { formatFixed } from '../../core/report/ticks';
import { plainTick } from '../analytics/chart-options';
import { colourScaleOnTop, finiteOrNull, grid, zoom } from './charts';

export type CumulativeView = 'linear' | 'log' | 'volatility-matched';

const pctLabel = (v: number) => `${plainTick(v)}%`;
const legend = { type: 'scroll' as const, top: 0 };

export function cumulativeOption(t: Tearsheet, view: CumulativeView, benchmarkName: string): EChartsOption {
  const { strategy, benchmark, volatilityMatchedBenchmark } = t.cumulative;
  const log = view === 'log';
  const other = view === 'volatility-matched' ? volatilityMatchedBenchmark : benchmark;
  const otherName = view === 'volatility-matched' ? `${benchmarkName}, volatility-matched` : benchmarkName;
  // Log scale needs positive numbers: growth of 100 instead of a return in %.
  const shown = (v: Float64Array) => Array.from(v, (x) => finiteOrNull(log ? 100 + x : x));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? (log ? formatFixed(v, 2) : `${formatFixed(v, 2)}%`) : '—') },
    legend: { ...legend, data: ['Strategy', otherName] },
    grid,
    xAxis: { type: 'category', data: t.dates },
    // No axis names: the legend sits where they would, and the chart's title says what is shown.
    yAxis: log ? { type: 'log', axisLabel: { formatter: plainTick } } : { type: 'value', axisLabel: { formatter: pctLabel } },
    dataZoom: zoom,
    series: [
      { name: 'Strategy', type: 'line', showSymbol: false, data: shown(strategy) },
      { name: otherName, type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: shown(other) },
    ],
  };
}

export function yearlyOption(t: Tearsheet, benchmarkName: string): EChartsOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${formatFixed(Number(v), 2)}%` },
    legend: { ...legend, data: ['Strategy', benchmarkName] },
    grid: { ...grid, bottom: 32 },
    xAxis: { type: 'category', data: t.yearly.map((y) => y.year) },
    yAxis: { type: 'value', axisLabel: { formatter: pctLabel } },
    series: [
      { name: 'Strategy', type: 'bar', data: t.yearly.map((y) => finiteOrNull(y.strategyPct)) },
      { name: benchmarkName, type: 'bar', data: t.yearly.map((y) => finiteOrNull(y.benchmarkPct)), itemStyle: { color: '#9e9e9e' } },
    ],
  };
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Months in 12 columns plus the year's total in a 13th ("Year") column with its own colour scale. */
export function monthlyHeatmapOption(t: Tearsheet): EChartsOption {
  const { years, months: grid12, yearTotals } = t.monthly;
  const cells = grid12.flatMap((row, y) => row.flatMap((v, m) => (v === null ? [] : [[m, y, Number(v.toFixed(2))]])));
  const totals = yearTotals.map((v, y) => [12, y, Number(v.toFixed(2))]);
  const extreme = (values: number[][]) => Math.max(1, ...values.map((d) => Math.abs(d[2])));
  const label = { show: years.length <= 12, formatter: (p: { value: unknown }) => formatFixed((p.value as number[])[2], 1) };
  return {
    tooltip: { formatter: (p) => { const v = (p as { value: number[] }).value; return `${years[v[1]]} ${v[0] === 12 ? 'year' : months[v[0]]}: ${formatFixed(v[2], 2)}%`; } },
    grid: { left: 48, right: 8, top: 56, bottom: 24 },
    xAxis: { type: 'category', data: [...months, 'Year'], axisLabel: { interval: 0, fontSize: 10 } },
    yAxis: { type: 'category', data: years, inverse: true },
    visualMap: [
      { ...colourScaleOnTop, min: -extreme(cells), max: extreme(cells), precision: 1, seriesIndex: 0, text: ['month %', ''] },
      { ...colourScaleOnTop, show: false, min: -extreme(totals), max: extreme(totals), seriesIndex: 1 },
    ],
    series: [
      { name: 'Month', type: 'heatmap', data: cells, label },
      { name: 'Year', type: 'heatmap', data: totals, label: { ...label, fontWeight: 'bold' } },
    ],
  };
}

export function distributionOption(t: Tearsheet, periodly: string): EChartsOption {
  const { edges, counts } = t.distribution;
  return {
    tooltip: { trigger: 'axis' },
    grid: { ...grid, bottom: 40 },
    // echarts' own round ticks (a min/max at the data's edges would print as "-5.827794%").
    xAxis: { type: 'value', scale: true, name: `${periodly} return`, nameLocation: 'middle', nameGap: 24, axisLabel: { formatter: pctLabel } },
    yAxis: { type: 'value', name: 'Periods', axisLabel: { formatter: plainTick } },
    series: [{
      type: 'bar', barWidth: '95%', name: 'Periods',
      data: Array.from(counts, (c, i) => ({ value: [(edges[i] + edges[i + 1]) / 2, c], itemStyle: { color: edges[i + 1] <= 0 ? '#c62828' : '#17803d' } })),
    }],
  };
}

export type RollingMeasure = 'volatilityPct' | 'sharpe' | 'sortino' | 'beta';
export const rollingMeasures: { id: RollingMeasure; label: string }[] = [
  { id: 'volatilityPct', label: 'volatility (annualised)' },
  { id: 'sharpe', label: 'Sharpe (annualised)' },
  { id: 'sortino', label: 'Sortino (annualised)' },
  { id: 'beta', label: 'beta vs the benchmark' },
];

export function rollingOption(t: Tearsheet, measure: RollingMeasure): EChartsOption {
  const { label } = rollingMeasures.find((m) => m.id === measure)!;
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatFixed(v, 2) : '—') },
    grid,
    xAxis: { type: 'category', data: t.rolling.dates },
    yAxis: { type: 'value', name: label, axisLabel: { formatter: measure === 'volatilityPct' ? pctLabel : plainTick } },
    dataZoom: zoom,
    series: [{ name: label, type: 'line', showSymbol: false, data: Array.from(t.rolling[measure], finiteOrNull) }],
  };
}

/** Drawdown below the running peak, the five worst episodes shaded from their start to their recovery. */
export function underwaterOption(t: Tearsheet): EChartsOption {
  const last = t.dates[t.dates.length - 1];
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${formatFixed(Number(v), 2)}%` },
    grid,
    xAxis: { type: 'category', data: t.dates },
    yAxis: { type: 'value', name: 'Drawdown', max: 0, axisLabel: { formatter: pctLabel } },
    dataZoom: zoom,
    series: [{
      name: 'Drawdown', type: 'line', showSymbol: false, areaStyle: { opacity: 0.3 }, color: '#c62828', data: Array.from(t.underwaterPct),
      markArea: { silent: true, itemStyle: { color: 'rgba(198, 40, 40, 0.12)' }, data: t.worstDrawdowns.slice(0, 5).map((d) => [{ xAxis: d.start }, { xAxis: d.end ?? last }]) },
    }],
  };
}

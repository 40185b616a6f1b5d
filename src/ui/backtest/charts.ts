/**
 * echarts options for the Backtest tab besides the tearsheet (tearsheet-charts.ts) and the linked price
 * chart (ui/charts): trade returns, correlations and the sweep heatmap. Each only arranges ready numbers.
 */
import type { EChartsOption } from 'echarts';
import type { BacktestReport } from '../../core/report/report';
import type { BacktestCharts } from '../../../workers/compute/backtest';

import { plainTick } from '../analytics/chart-options';

export const zoom = [{ type: 'inside' as const }, { type: 'slider' as const, height: 18, bottom: 4 }];
export const grid = { left: 64, right: 24, top: 36, bottom: 56 };
export const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);
/** A colour scale above the plot (below it, it covered the x-axis labels), red to green. */
export const colourScaleOnTop = { calculable: true, orient: 'horizontal' as const, left: 'center', top: 0, itemHeight: 120, inRange: { color: ['#c62828', '#f5f5f5', '#17803d'] } };

/** Histogram of closed trades' returns (%). */
export function tradeReturnsOption(report: BacktestReport, bins = 30): EChartsOption {
  const values = report.trades.map((t) => t.returnPct).filter(Number.isFinite);
  if (values.length === 0) return { title: { text: 'No closed trades', left: 'center', top: 'middle', textStyle: { fontSize: 13 } } };
  const lo = Math.min(...values);
  const width = (Math.max(...values) - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  const labels = counts.map((_, i) => (lo + (i + 0.5) * width).toFixed(1));
  return {
    tooltip: { trigger: 'axis' },
    grid,
    xAxis: { type: 'category', data: labels, name: 'Return %' },
    yAxis: { type: 'value', name: 'Trades' },
    series: [{ type: 'bar', data: counts.map((c, i) => ({ value: c, itemStyle: { color: lo + (i + 1) * width <= 0 ? '#c62828' : '#17803d' } })) }],
  };
}

export function correlationOption(charts: BacktestCharts): EChartsOption {
  const { symbols, matrix } = charts.correlation;
  const data = matrix.flatMap((row, i) => row.map((v, j) => [j, i, Number.isFinite(v) ? Number(v.toFixed(3)) : null]));
  return {
    tooltip: { formatter: (p) => { const v = (p as { value: number[] }).value; return `${symbols[v[1]]} / ${symbols[v[0]]}: ${v[2]}`; } },
    grid: { left: 80, right: 24, top: 56, bottom: 32 },
    xAxis: { type: 'category', data: symbols },
    yAxis: { type: 'category', data: symbols, inverse: true },
    visualMap: { ...colourScaleOnTop, min: -1, max: 1, inRange: { color: ['#c62828', '#f5f5f5', '#1f5fbf'] } },
    series: [{ type: 'heatmap', data, label: { show: symbols.length <= 10 } }],
  };
}

/** Sweep heatmap over two axes, colored by the objective. */
export function sweepHeatmapOption(xs: number[], ys: number[], value: (x: number, y: number) => number, name: string): EChartsOption {
  const data = ys.flatMap((y, i) => xs.map((x, j) => [j, i, finiteOrNull(Number(value(x, y).toFixed(3)))]));
  const finite = data.map((d) => d[2]).filter((v): v is number => v !== null);
  return {
    tooltip: { formatter: (p) => { const v = (p as { value: number[] }).value; return `${xs[v[0]]} / ${ys[v[1]]}: ${name} ${v[2]}`; } },
    grid: { left: 64, right: 24, top: 56, bottom: 32 },
    xAxis: { type: 'category', data: xs.map(String) },
    yAxis: { type: 'category', data: ys.map(String) },
    visualMap: { ...colourScaleOnTop, min: Math.min(0, ...finite), max: Math.max(0, ...finite), precision: 2 },
    series: [{ type: 'heatmap', data, label: { show: xs.length * ys.length <= 100 } }],
  };
}

/**
 * echarts options for the Forecasts tab: the fan chart (history, median, 80%/95% bands) and the
 * evaluation chart (MASE of each window per forecaster). Pure functions of worker results.
 */
import type { EChartsOption } from 'echarts';
import type { SymbolEvaluation, SymbolForecast } from '../../../workers/forecast/api';
import { seriesTable, type ChartTable } from '../components/chart-table';

/** How much history the fan chart shows before the forecast. */
const HISTORY_SHOWN = 120;

/**
 * Bands are drawn as stacked areas: an invisible lower line, then the band width on top of it. Every
 * forecast series starts at the last observed price so the fan opens from the history line.
 */
export function fanChartOption(result: SymbolForecast): EChartsOption {
  const { forecast } = result;
  const shown = Math.min(HISTORY_SHOWN, result.history.length);
  const history = Array.from(result.history.subarray(result.history.length - shown));
  const dates = [...result.historyDates.slice(-shown), ...result.futureDates];
  const last = history[history.length - 1];
  const pad = new Array<null>(shown - 1).fill(null);
  const future = (values: ArrayLike<number>) => [...pad, last, ...Array.from(values)];
  const width = (lower: ArrayLike<number>, upper: ArrayLike<number>) => [...pad, 0, ...Array.from(upper, (u, i) => u - lower[i])];
  const band = (name: string, lower: ArrayLike<number>, upper: ArrayLike<number>, opacity: number) => [
    { name: `${name} lower`, type: 'line' as const, stack: name, data: future(lower), lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } },
    { name, type: 'line' as const, stack: name, data: width(lower, upper), lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { opacity, color: '#3b82f6' } },
  ];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['History', 'Median', '80% interval', '95% interval'] },
    grid: { left: 60, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: dates, boundaryGap: false },
    yAxis: { type: 'value', scale: true },
    series: [
      ...(forecast.interval95 ? band('95% interval', forecast.interval95.lower, forecast.interval95.upper, 0.15) : []),
      ...(forecast.interval80 ? band('80% interval', forecast.interval80.lower, forecast.interval80.upper, 0.3) : []),
      { name: 'History', type: 'line', data: [...history, ...new Array<null>(result.futureDates.length).fill(null)], symbol: 'none', lineStyle: { color: '#64748b' } },
      { name: 'Median', type: 'line', data: future(forecast.median), symbol: 'none', lineStyle: { color: '#1d4ed8', width: 2 } },
    ],
  };
}

export function fanChartTable(result: SymbolForecast): ChartTable {
  const f = result.forecast;
  return seriesTable('Date', result.futureDates, [
    { name: 'Median', values: f.median },
    { name: '80% lower', values: f.interval80?.lower ?? [] },
    { name: '80% upper', values: f.interval80?.upper ?? [] },
    { name: '95% lower', values: f.interval95?.lower ?? [] },
    { name: '95% upper', values: f.interval95?.upper ?? [] },
  ]);
}

export function evaluationChartOption(result: SymbolEvaluation): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 50, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: result.originDates, name: 'forecast origin' },
    yAxis: { type: 'value', name: 'MASE' },
    series: result.scores.map((s) => ({ name: s.info.label, type: 'line', data: Array.from(s.maseByWindow, (v) => (Number.isFinite(v) ? v : null)), symbol: 'circle', symbolSize: 4 })),
  };
}

export function evaluationChartTable(result: SymbolEvaluation): ChartTable {
  return seriesTable('Origin', result.originDates, result.scores.map((s) => ({ name: s.info.label, values: s.maseByWindow })));
}

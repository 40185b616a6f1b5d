/**
 * echarts options for the Forecasts tab: the fan chart (history, median, 80%/95% bands) and the
 * evaluation chart (MASE of each window per forecaster). Pure functions of worker results.
 */
import type { EChartsOption } from 'echarts';
import type { SymbolEvaluation, SymbolForecast } from '../../../workers/forecast/api';
import { seriesTable, type ChartTable } from '../components/chart-table';

/** How much history the fan chart shows before the forecast. */
const HISTORY_SHOWN = 120;

const COLORS = { history: '#64748b', median: '#1d4ed8', band: '59, 130, 246' };
const BAND_OPACITY = { '80% interval': 0.35, '95% interval': 0.15 } as const;

/**
 * An interval with its bounds in order at every step. A model's quantiles can cross (a lower level
 * predicting more than a higher one); the band then shows the two values sorted, and `crossedSteps`
 * counts where that happened so the page can say so.
 */
export function orderedInterval(lower: ArrayLike<number>, upper: ArrayLike<number>): { lower: number[]; upper: number[]; crossedSteps: number } {
  const sorted = { lower: [] as number[], upper: [] as number[], crossedSteps: 0 };
  for (let i = 0; i < lower.length; i++) {
    if (lower[i] > upper[i]) sorted.crossedSteps += 1;
    sorted.lower.push(Math.min(lower[i], upper[i]));
    sorted.upper.push(Math.max(lower[i], upper[i]));
  }
  return sorted;
}

/** Steps of the horizon where either interval's quantiles cross. */
export function crossedQuantileSteps(result: SymbolForecast): number {
  const { interval80, interval95 } = result.forecast;
  let steps = 0;
  for (let i = 0; i < result.forecast.horizon; i++) {
    const crossed80 = interval80 !== undefined && interval80.lower[i] > interval80.upper[i];
    const crossed95 = interval95 !== undefined && interval95.lower[i] > interval95.upper[i];
    if (crossed80 || crossed95) steps += 1;
  }
  return steps;
}

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
  // The band's width is stacked on its (invisible) lower bound. Widths are never negative (bounds in
  // order), and stackStrategy 'all' stacks every value: echarts' default stacks only same-sign values,
  // which drew a negative width from zero, a band plunging below the axis.
  const band = (name: keyof typeof BAND_OPACITY, interval: { lower: ArrayLike<number>; upper: ArrayLike<number> }) => {
    const { lower, upper } = orderedInterval(interval.lower, interval.upper);
    const color = `rgba(${COLORS.band}, ${BAND_OPACITY[name]})`;
    return [
      { name: `${name} lower`, type: 'line' as const, stack: name, stackStrategy: 'all' as const, data: future(lower), lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } },
      {
        name, type: 'line' as const, stack: name, stackStrategy: 'all' as const, data: [...pad, 0, ...upper.map((u, i) => u - lower[i])],
        lineStyle: { opacity: 0 }, symbol: 'none', itemStyle: { color }, areaStyle: { color, opacity: 1 },
      },
    ];
  };
  return {
    tooltip: { trigger: 'axis' },
    // Legend icons take each series' itemStyle colour: the same colours as the lines and bands.
    legend: { top: 0, data: ['History', 'Median', '80% interval', '95% interval'] },
    grid: { left: 60, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: dates, boundaryGap: false },
    yAxis: { type: 'value', scale: true },
    series: [
      ...(forecast.interval95 ? band('95% interval', forecast.interval95) : []),
      ...(forecast.interval80 ? band('80% interval', forecast.interval80) : []),
      { name: 'History', type: 'line', data: [...history, ...new Array<null>(result.futureDates.length).fill(null)], symbol: 'none', itemStyle: { color: COLORS.history }, lineStyle: { color: COLORS.history } },
      { name: 'Median', type: 'line', data: future(forecast.median), symbol: 'none', itemStyle: { color: COLORS.median }, lineStyle: { color: COLORS.median, width: 2 } },
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

/** Forecasters whose 95% interval covered fewer outcomes than their 80% one: their quantiles cross. */
export function invertedCoverage(result: SymbolEvaluation): Set<string> {
  return new Set(result.scores.filter((s) => s.coverage95 < s.coverage80).map((s) => s.info.id));
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

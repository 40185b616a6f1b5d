/**
 * echarts options for the Models tab, built from ready model outputs (no maths beyond picking
 * fields): ROC curves, coefficients, SHAP summary, reliability curve, signals on candles, and one
 * bar's SHAP explanation.
 */
import type { EChartsOption } from 'echarts';
import { probabilityHistogram, type DualModel, type Explanation, type RocPoint } from '../../core/ml';
import type { ModelChartData } from '../../../workers/compute/ml';

const sides = ['buy', 'sell'] as const;
const sideColour = { buy: '#17803d', sell: '#c62828' };

/** One ROC line per named curve plus the chance diagonal. */
export function rocOption(curves: { name: string; points: RocPoint[] }[]): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 50, right: 20, top: 60, bottom: 40 },
    xAxis: { type: 'value', min: 0, max: 1, name: 'false positive rate', nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', min: 0, max: 1, name: 'true positive rate' },
    series: [
      ...curves.map((c) => ({ type: 'line' as const, name: c.name, showSymbol: false, data: c.points.map((p) => [p.fpr, p.tpr]) })),
      { type: 'line' as const, name: 'chance', showSymbol: false, lineStyle: { type: 'dashed' as const, color: '#999' }, data: [[0, 0], [1, 1]] },
    ],
  };
}

export function modelRocCurves(model: DualModel, label = ''): { name: string; points: RocPoint[] }[] {
  return sides.flatMap((side) => [
    { name: `${label}${side} test`, points: model[side].roc.test },
    ...(label ? [] : [{ name: `${side} train`, points: model[side].roc.train }]),
  ]);
}

/** Horizontal bars of one value per feature for both models (coefficients or mean |SHAP|). */
function featureBars(model: DualModel, value: (side: 'buy' | 'sell', feature: string) => number, axisName: string): EChartsOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 190, right: 30, top: 30, bottom: 30 },
    xAxis: { type: 'value', name: axisName, nameLocation: 'middle', nameGap: 22 },
    yAxis: { type: 'category', data: model.features, inverse: true },
    series: sides.map((side) => ({ type: 'bar' as const, name: side, itemStyle: { color: sideColour[side] }, data: model.features.map((f) => value(side, f)) })),
  };
}

export const coefficientOption = (model: DualModel) => featureBars(model, (side, f) => model[side].coefficients[f], 'coefficient (log-odds per unit)');
export const shapSummaryOption = (model: DualModel) => featureBars(model, (side, f) => model[side].shap.meanAbs[f], 'mean |SHAP| (log-odds, test rows)');

/** Reliability curve: observed rate against mean predicted probability per bin, with the diagonal. */
export function calibrationOption(model: DualModel): EChartsOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 60, bottom: 40 },
    xAxis: { type: 'value', min: 0, max: 1, name: 'mean predicted probability', nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', min: 0, max: 1, name: 'observed rate' },
    series: [
      ...sides.map((side) => ({
        type: 'line' as const,
        name: side,
        itemStyle: { color: sideColour[side] },
        data: model[side].calibration.test.map((b) => [b.meanPredicted, b.observedRate, b.count]),
      })),
      { type: 'line' as const, name: 'perfect', showSymbol: false, lineStyle: { type: 'dashed' as const, color: '#999' }, data: [[0, 0], [1, 1]] },
    ],
  };
}

/** Candles with EMA/Bollinger overlays, buy/sell markers, and both probabilities in a lower panel. */
export function signalChartOption(data: ModelChartData, confidence: number): EChartsOption {
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  const markers = (signal: 1 | -1) =>
    data.dates.flatMap((date, t) => (data.signals[t] === signal ? [[date, signal === 1 ? data.low[t] : data.high[t]]] : []));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
    legend: { top: 0 },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [
      { left: 60, right: 20, top: 30, height: '55%' },
      { left: 60, right: 20, top: '72%', height: '18%' },
    ],
    xAxis: [
      { type: 'category', data: data.dates, boundaryGap: true },
      { type: 'category', data: data.dates, gridIndex: 1, axisLabel: { show: false } },
    ],
    yAxis: [{ scale: true }, { gridIndex: 1, min: 0, max: 1, name: 'p' }],
    dataZoom: [{ type: 'inside', xAxisIndex: [0, 1], start: 80, end: 100 }, { type: 'slider', xAxisIndex: [0, 1], start: 80, end: 100, bottom: 0 }],
    series: [
      {
        type: 'candlestick',
        name: data.symbol,
        data: data.dates.map((_, t) => [data.open[t], data.close[t], data.low[t], data.high[t]]),
      },
      ...data.overlays.map((o) => ({ type: 'line' as const, name: o.name, showSymbol: false, lineStyle: { width: 1 }, data: Array.from(o.values, finite) })),
      { type: 'scatter', name: 'buy signal', symbol: 'triangle', symbolSize: 9, itemStyle: { color: sideColour.buy }, data: markers(1) },
      { type: 'scatter', name: 'sell signal', symbol: 'triangle', symbolRotate: 180, symbolSize: 9, itemStyle: { color: sideColour.sell }, data: markers(-1) },
      { type: 'line', name: 'pBuy', xAxisIndex: 1, yAxisIndex: 1, showSymbol: false, itemStyle: { color: sideColour.buy }, data: Array.from(data.pBuy, finite) },
      {
        type: 'line',
        name: 'pSell',
        xAxisIndex: 1,
        yAxisIndex: 1,
        showSymbol: false,
        itemStyle: { color: sideColour.sell },
        data: Array.from(data.pSell, finite),
        markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed' }, data: [{ yAxis: confidence, name: 'confidence' }] },
      },
    ],
  };
}

/** One bar's SHAP contributions (log-odds), largest magnitude first. */
export function explanationOption(explanation: Explanation): EChartsOption {
  const sorted = [...explanation.contributions].sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 190, right: 30, top: 10, bottom: 30 },
    xAxis: { type: 'value', name: 'SHAP (log-odds)', nameLocation: 'middle', nameGap: 22 },
    yAxis: { type: 'category', inverse: true, data: sorted.map((c) => `${c.feature} = ${c.value}`) },
    series: [
      {
        type: 'bar',
        name: 'SHAP',
        data: sorted.map((c) => ({ value: c.shap, itemStyle: { color: c.shap >= 0 ? sideColour.buy : sideColour.sell } })),
      },
    ],
  };
}

/** Bins of the probability histogram (0.05 wide). */
const PROBABILITY_BINS = 20;

/** How pBuy and pSell are spread over [0, 1], with the signal threshold marked: why signals are rare or absent. */
export function probabilityDistributionOption(data: ModelChartData, threshold: number): EChartsOption {
  const labels = Array.from({ length: PROBABILITY_BINS }, (_, i) => (i / PROBABILITY_BINS).toFixed(2));
  const thresholdBin = labels[Math.min(PROBABILITY_BINS - 1, Math.floor(threshold * PROBABILITY_BINS))];
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 30, bottom: 45 },
    xAxis: { type: 'category', data: labels, name: 'predicted probability (bin start)', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', name: 'bars' },
    series: sides.map((side) => ({
      type: 'bar' as const,
      name: side === 'buy' ? 'pBuy' : 'pSell',
      itemStyle: { color: sideColour[side] },
      data: Array.from(probabilityHistogram(side === 'buy' ? data.pBuy : data.pSell, PROBABILITY_BINS)),
      ...(side === 'buy'
        ? { markLine: { symbol: 'none', silent: true, label: { formatter: `threshold ${threshold}` }, lineStyle: { type: 'dashed' as const, color: '#555' }, data: [{ xAxis: thresholdBin }] } }
        : {}),
    })),
  };
}

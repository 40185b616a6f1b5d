/**
 * The price chart, as backtesting.py draws it: candlesticks with indicator overlays (SMA, EMA,
 * Bollinger), volume, RSI and MACD panes, entry and exit markers whose reasons show on hover, and
 * optionally the equity and drawdown panes of a strategy or portfolio. Every pane shares one x axis
 * range (one dataZoom drives them all) and one crosshair (linked axis pointers), so zooming the
 * price zooms the equity. Indicator values come from src/core/indicators; this only lays them out.
 */
import type { EChartsOption } from 'echarts';
import { bollinger, ema, macd, rsi, sma } from '../../core/indicators';
import type { PriceSeries } from '../../core/data/types';

export interface TradeMarker {
  date: string;
  price: number;
  /** An entry opens (or adds to) a position, an exit closes (or reduces) it. */
  kind: 'entry' | 'exit';
  direction: 'long' | 'short';
  /** Why: the strategy's or the user's reason, shown on hover. */
  reason: string;
}

export interface EquityPanes {
  dates: readonly string[];
  equity: ArrayLike<number>;
  /** Fractions (-0.12 = 12% below the peak); omitted: no drawdown pane. */
  drawdown?: ArrayLike<number>;
  label?: string;
}

export interface PriceChartLayers {
  sma: number[];
  ema: number[];
  bollinger: boolean;
  volume: boolean;
  rsi: boolean;
  macd: boolean;
}

export const defaultLayers: PriceChartLayers = { sma: [], ema: [20, 50], bollinger: false, volume: true, rsi: false, macd: false };

export interface PriceChartInput {
  bars: PriceSeries;
  layers: PriceChartLayers;
  markers?: readonly TradeMarker[];
  equity?: EquityPanes;
  /** Bars visible at first (the slider shows the rest); default 250. */
  initialBars?: number;
}

type PaneKind = 'price' | 'volume' | 'rsi' | 'macd' | 'equity' | 'drawdown';

const PANE_HEIGHT: Record<PaneKind, number> = { price: 260, volume: 70, rsi: 80, macd: 90, equity: 120, drawdown: 80 };
const TOP = 52; // the legend, then the first pane's name
const GAP = 26; // room for the pane's name above it
const SLIDER = 46;
const COLORS = { up: '#17803d', down: '#c62828', exit: '#64748b', volume: '#94a3b8', equity: '#1f5fbf', drawdown: '#c62828', rsi: '#7c3aed', macd: '#1f5fbf', signal: '#f59e0b' };
const LINE_COLORS = ['#f59e0b', '#0ea5e9', '#a855f7', '#14b8a6', '#ec4899'];

/** The panes in order, top to bottom. */
export function priceChartPanes(input: Pick<PriceChartInput, 'layers' | 'equity'>): PaneKind[] {
  const { layers, equity } = input;
  return [
    'price',
    ...(layers.volume ? ['volume' as const] : []),
    ...(layers.rsi ? ['rsi' as const] : []),
    ...(layers.macd ? ['macd' as const] : []),
    ...(equity ? ['equity' as const] : []),
    ...(equity?.drawdown ? ['drawdown' as const] : []),
  ];
}

/** The chart's height in pixels for its panes. */
export function priceChartHeight(input: Pick<PriceChartInput, 'layers' | 'equity'>): number {
  const panes = priceChartPanes(input);
  return TOP + panes.reduce((sum, p) => sum + PANE_HEIGHT[p] + GAP, 0) + SLIDER;
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/** Values of another date axis placed on the price dates (null where that series has no value). */
function onDates(dates: readonly string[], source: readonly string[], values: ArrayLike<number>): (number | null)[] {
  const index = new Map(source.map((d, i) => [d, i]));
  return dates.map((d) => {
    const i = index.get(d);
    return i === undefined ? null : finite(values[i]);
  });
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
const fmt = (v: number | null | undefined, digits = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));

export function priceChartOption(input: PriceChartInput): EChartsOption {
  const { bars, layers, markers = [], equity } = input;
  const { dates, close } = bars;
  const panes = priceChartPanes(input);
  const grids: { left: number; right: number; top: number; height: number }[] = [];
  let top = TOP;
  for (const pane of panes) {
    grids.push({ left: 64, right: 16, top, height: PANE_HEIGHT[pane] });
    top += PANE_HEIGHT[pane] + GAP;
  }
  const paneIndex = (pane: PaneKind) => panes.indexOf(pane);
  const last = panes.length - 1;
  const xAxis = panes.map((pane, i) => ({
    type: 'category' as const, gridIndex: i, data: dates, boundaryGap: true,
    axisLabel: { show: i === last }, axisTick: { show: i === last }, axisPointer: { label: { show: i === last } },
  }));
  const yAxis = panes.map((pane, i) => ({
    type: 'value' as const, gridIndex: i, scale: pane !== 'volume' && pane !== 'rsi', splitNumber: pane === 'price' ? 5 : 2,
    name: { price: bars.symbol, volume: 'Volume', rsi: 'RSI 14', macd: 'MACD', equity: equity?.label ?? 'Equity', drawdown: 'Drawdown %' }[pane],
    nameTextStyle: { align: 'left' as const }, nameGap: 8, ...(pane === 'rsi' ? { min: 0, max: 100 } : {}),
    axisLabel: { formatter: (v: number) => compact.format(v) },
  }));

  // Indicator lines, each computed once by the core.
  const overlays = [
    ...layers.sma.map((n) => ({ name: `SMA ${n}`, values: sma(close, n) })),
    ...layers.ema.map((n) => ({ name: `EMA ${n}`, values: ema(close, n) })),
  ];
  const bands = layers.bollinger ? bollinger(close, 20, 2) : undefined;
  const rsiValues = layers.rsi ? rsi(close, 14) : undefined;
  const macdValues = layers.macd ? macd(close) : undefined;
  const equityValues = equity ? onDates(dates, equity.dates, equity.equity) : undefined;
  const drawdownValues = equity?.drawdown ? onDates(dates, equity.dates, Array.from(equity.drawdown, (d) => d * 100)) : undefined;

  const markersByDate = new Map<string, TradeMarker[]>();
  for (const m of markers) markersByDate.set(m.date, [...(markersByDate.get(m.date) ?? []), m]);
  const dateIndex = new Map(dates.map((d, i) => [d, i]));
  const markerSeries = (kind: TradeMarker['kind']) => ({
    type: 'scatter' as const, name: kind === 'entry' ? 'Entries' : 'Exits', xAxisIndex: 0, yAxisIndex: 0, symbolSize: 11, z: 5,
    // The legend's colour; each marker sets its own (long green, short red, exits slate grey, visible on light and dark).
    itemStyle: { color: kind === 'entry' ? COLORS.up : COLORS.exit },
    data: markers.filter((m) => m.kind === kind && dateIndex.has(m.date)).map((m) => ({
      value: [dateIndex.get(m.date)!, m.price],
      reason: m.reason,
      symbol: kind === 'entry' ? 'triangle' : 'pin',
      symbolRotate: kind === 'entry' && m.direction === 'short' ? 180 : 0,
      itemStyle: { color: kind === 'exit' ? COLORS.exit : m.direction === 'long' ? COLORS.up : COLORS.down },
    })),
  });

  const tooltipAt = (i: number): string => {
    const rows = [
      `<strong>${dates[i]}</strong>`,
      `O ${fmt(bars.open[i])} H ${fmt(bars.high[i])} L ${fmt(bars.low[i])} C ${fmt(close[i])}${layers.volume ? ` · vol ${Number.isFinite(bars.volume[i]) ? bars.volume[i].toLocaleString() : '—'}` : ''}`,
      ...overlays.map((o) => `${o.name} ${fmt(o.values[i])}`),
      ...(bands ? [`Bollinger ${fmt(bands.lower[i])} – ${fmt(bands.upper[i])}`] : []),
      ...(rsiValues ? [`RSI ${fmt(rsiValues[i], 1)}`] : []),
      ...(macdValues ? [`MACD ${fmt(macdValues.macd[i], 3)} / signal ${fmt(macdValues.signal[i], 3)}`] : []),
      ...(equityValues ? [`${equity?.label ?? 'Equity'} ${fmt(equityValues[i], 0)}`] : []),
      ...(drawdownValues ? [`Drawdown ${fmt(drawdownValues[i], 1)}%`] : []),
      ...(markersByDate.get(dates[i]) ?? []).map((m) => `<span class="marker-reason">${m.kind === 'entry' ? `${m.direction} entry` : 'exit'} at ${fmt(m.price)}: ${escapeHtml(m.reason)}</span>`),
    ];
    return rows.join('<br>');
  };

  const price = 0;
  const series: NonNullable<EChartsOption['series']> = [
    {
      type: 'candlestick', name: bars.symbol, xAxisIndex: price, yAxisIndex: price,
      itemStyle: { color: COLORS.up, color0: COLORS.down, borderColor: COLORS.up, borderColor0: COLORS.down },
      data: dates.map((_, i) => [bars.open[i], close[i], bars.low[i], bars.high[i]]),
    },
    ...overlays.map((o, k) => ({ type: 'line' as const, name: o.name, xAxisIndex: price, yAxisIndex: price, showSymbol: false, lineStyle: { width: 1.2, color: LINE_COLORS[k % LINE_COLORS.length] }, itemStyle: { color: LINE_COLORS[k % LINE_COLORS.length] }, data: Array.from(o.values, finite) })),
    ...(bands
      ? (['upper', 'lower'] as const).map((side) => ({ type: 'line' as const, name: 'Bollinger 20, 2', xAxisIndex: price, yAxisIndex: price, showSymbol: false, lineStyle: { width: 1, type: 'dashed' as const, color: '#64748b' }, itemStyle: { color: '#64748b' }, data: Array.from(bands[side], finite) }))
      : []),
    markerSeries('entry'),
    markerSeries('exit'),
  ];
  if (layers.volume) {
    const i = paneIndex('volume');
    series.push({
      type: 'bar', name: 'Volume', xAxisIndex: i, yAxisIndex: i,
      data: dates.map((_, t) => ({ value: finite(bars.volume[t]), itemStyle: { color: close[t] >= bars.open[t] ? `${COLORS.up}99` : `${COLORS.down}99` } })),
    });
  }
  if (rsiValues) {
    const i = paneIndex('rsi');
    series.push({
      type: 'line', name: 'RSI 14', xAxisIndex: i, yAxisIndex: i, showSymbol: false, lineStyle: { color: COLORS.rsi, width: 1.2 }, itemStyle: { color: COLORS.rsi }, data: Array.from(rsiValues, finite),
      markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#999' }, label: { show: false }, data: [{ yAxis: 30 }, { yAxis: 70 }] },
    });
  }
  if (macdValues) {
    const i = paneIndex('macd');
    series.push(
      { type: 'bar', name: 'MACD histogram', xAxisIndex: i, yAxisIndex: i, itemStyle: { color: '#94a3b8' }, data: Array.from(macdValues.histogram, finite) },
      { type: 'line', name: 'MACD', xAxisIndex: i, yAxisIndex: i, showSymbol: false, lineStyle: { color: COLORS.macd, width: 1.2 }, itemStyle: { color: COLORS.macd }, data: Array.from(macdValues.macd, finite) },
      { type: 'line', name: 'MACD signal', xAxisIndex: i, yAxisIndex: i, showSymbol: false, lineStyle: { color: COLORS.signal, width: 1.2 }, itemStyle: { color: COLORS.signal }, data: Array.from(macdValues.signal, finite) },
    );
  }
  if (equityValues) {
    const i = paneIndex('equity');
    // A short history (a new paper portfolio) shows its points, which a line alone would not.
    const points = equityValues.filter((v) => v !== null).length;
    series.push({ type: 'line', name: equity?.label ?? 'Equity', xAxisIndex: i, yAxisIndex: i, showSymbol: points < 30, connectNulls: false, lineStyle: { color: COLORS.equity, width: 1.5 }, itemStyle: { color: COLORS.equity }, data: equityValues });
  }
  if (drawdownValues) {
    const i = paneIndex('drawdown');
    series.push({ type: 'line', name: 'Drawdown', xAxisIndex: i, yAxisIndex: i, showSymbol: false, lineStyle: { color: COLORS.drawdown, width: 1 }, itemStyle: { color: COLORS.drawdown }, areaStyle: { color: `${COLORS.drawdown}33` }, data: drawdownValues });
  }

  const allAxes = panes.map((_, i) => i);
  const shown = input.initialBars ?? 250;
  const start = dates.length > shown ? 100 * (1 - shown / dates.length) : 0;
  return {
    animation: false,
    legend: { top: 0, type: 'scroll', data: [bars.symbol, ...overlays.map((o) => o.name), ...(bands ? ['Bollinger 20, 2'] : []), ...(markers.length ? ['Entries', 'Exits'] : [])] },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'cross' }, confine: true,
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number; value?: unknown } | undefined;
        const index = typeof first?.value === 'object' && Array.isArray(first.value) && first.value.length === 2 && typeof first.value[0] === 'number' && markersOn(first) ? first.value[0] : first?.dataIndex;
        return index === undefined ? '' : tooltipAt(index);
      },
    },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: grids,
    xAxis,
    yAxis,
    dataZoom: [
      { type: 'inside', xAxisIndex: allAxes, start, end: 100 },
      { type: 'slider', xAxisIndex: allAxes, start, end: 100, bottom: 6, height: 22 },
    ],
    series,
  };
}

/** A scatter marker's params carry [dateIndex, price] as their value. */
function markersOn(params: { value?: unknown } & Record<string, unknown>): boolean {
  return params.seriesType === 'scatter';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Line charts over dates for the HTML report: linear or log scale, optional area fill and shaded date ranges. */
import { logTicks, niceTicks, tickLabels } from '../ticks';
import { escapeXml, frameFor, legend, openSvg, yAxis, yearLabels, type ChartSeries } from './frame';

export interface LineChartOptions {
  title: string;
  width?: number;
  height?: number;
  logScale?: boolean;
  /** Fill between the first series and zero (the underwater chart). */
  area?: boolean;
  /** Appended to every tick label, e.g. "%". */
  suffix?: string;
  /** Index ranges shaded behind the lines (the worst drawdowns). */
  shaded?: { from: number; to: number }[];
}

function valueRange(series: readonly ChartSeries[], logScale: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i];
    if (Number.isFinite(v) && (!logScale || v > 0)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return [lo, hi];
}

export function lineChartSvg(dates: readonly string[], series: readonly ChartSeries[], options: LineChartOptions): string {
  const { width = 900, height = 280, logScale = false, area = false, suffix = '' } = options;
  let [lo, hi] = valueRange(series, logScale);
  if (area) hi = Math.max(hi, 0);
  if (!(hi > lo)) [lo, hi] = Number.isFinite(lo) ? [lo - 1, lo + 1] : [0, 1];
  const ticks = logScale ? logTicks(lo, hi) : niceTicks(lo, hi);
  // A linear axis ends on its outer round ticks; a log axis on the data (its ticks lie inside).
  if (!logScale) [lo, hi] = [Math.min(lo, ticks[0]), Math.max(hi, ticks[ticks.length - 1])];
  const f = frameFor(tickLabels(ticks, suffix), width, height);
  const tf = (v: number) => (logScale ? Math.log10(v) : v);
  const n = dates.length;
  const x = (i: number) => f.left + (i / Math.max(1, n - 1)) * (width - f.left - f.right);
  const y = (v: number) => f.top + (1 - (tf(v) - tf(lo)) / (tf(hi) - tf(lo))) * (height - f.top - f.bottom);
  const parts = [openSvg(options.title, f)];
  for (const { from, to } of options.shaded ?? []) {
    parts.push(`<rect x="${x(from).toFixed(1)}" y="${f.top}" width="${Math.max(1, x(to) - x(from)).toFixed(1)}" height="${height - f.top - f.bottom}" fill="#c0392b" fill-opacity="0.12"/>`);
  }
  parts.push(yAxis(f, ticks, y, suffix), yearLabels(f, dates, x));
  series.forEach((s, k) => {
    const points: string[] = [];
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i];
      if (Number.isFinite(v) && (!logScale || v > 0)) points.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    }
    if (area && k === 0 && points.length) {
      parts.push(`<polygon points="${x(0).toFixed(1)},${y(0).toFixed(1)} ${points.join(' ')} ${x(n - 1).toFixed(1)},${y(0).toFixed(1)}" fill="${s.color}" fill-opacity="0.3" stroke="none"/>`);
    }
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${escapeXml(s.color)}" stroke-width="1.3"/>`);
  });
  parts.push(legend(f, series), '</svg>');
  return parts.join('');
}

/** Bar charts for the HTML report: grouped bars per category (returns by year) and histograms. */
import type { Histogram } from '../../metrics';
import { niceTicks, tickLabels } from '../ticks';
import { escapeXml, frameFor, legend, openSvg, yAxis, type ChartSeries } from './frame';

export interface BarChartOptions {
  title: string;
  width?: number;
  height?: number;
  suffix?: string;
}

/** One group of bars per category (e.g. a year), one bar per series, from zero. */
export function groupedBarsSvg(categories: readonly string[], series: readonly ChartSeries[], options: BarChartOptions): string {
  const { width = 900, height = 260, suffix = '' } = options;
  const values = series.flatMap((s) => Array.from(s.values).filter(Number.isFinite));
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const [lo, hi] = [ticks[0], ticks[ticks.length - 1]];
  const f = frameFor(tickLabels(ticks, suffix), width, height);
  const y = (v: number) => f.top + (1 - (v - lo) / (hi - lo || 1)) * (height - f.top - f.bottom);
  const slot = (width - f.left - f.right) / Math.max(1, categories.length);
  const bar = (slot * 0.8) / Math.max(1, series.length);
  const labelEvery = Math.max(1, Math.ceil((categories.length * 36) / (width - f.left - f.right)));
  const parts = [openSvg(options.title, f), yAxis(f, ticks, y, suffix)];
  categories.forEach((c, i) => {
    const x0 = f.left + i * slot + slot * 0.1;
    series.forEach((s, k) => {
      const v = s.values[i];
      if (!Number.isFinite(v)) return;
      const top = Math.min(y(v), y(0));
      parts.push(`<rect x="${(x0 + k * bar).toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(1, bar - 1).toFixed(1)}" height="${Math.abs(y(v) - y(0)).toFixed(1)}" fill="${escapeXml(s.color)}"><title>${escapeXml(`${c} ${s.name}: ${v.toFixed(2)}${suffix}`)}</title></rect>`);
    });
    if (i % labelEvery === 0) parts.push(`<text x="${(x0 + slot * 0.4).toFixed(1)}" y="${height - 8}" text-anchor="middle" fill="#555">${escapeXml(c)}</text>`);
  });
  parts.push(legend(f, series), '</svg>');
  return parts.join('');
}

/** A histogram with round x ticks (bin edges in the values' unit); losses red, gains green. */
export function histogramSvg(h: Histogram, options: BarChartOptions & { yName?: string }): string {
  const { width = 900, height = 240, suffix = '' } = options;
  const counts = Array.from(h.counts);
  const top = Math.max(1, ...counts);
  const yTicks = niceTicks(0, top, 4).filter((t) => Number.isInteger(t));
  const yMax = yTicks[yTicks.length - 1] || 1;
  const f = frameFor(tickLabels(yTicks), width, height);
  const y = (v: number) => f.top + (1 - v / yMax) * (height - f.top - f.bottom);
  const parts = [openSvg(options.title, f), yAxis(f, yTicks, y)];
  if (counts.length) {
    const lo = h.edges[0];
    const hi = h.edges[h.edges.length - 1];
    const x = (v: number) => f.left + ((v - lo) / (hi - lo || 1)) * (width - f.left - f.right);
    counts.forEach((c, i) => {
      const [a, b] = [h.edges[i], h.edges[i + 1]];
      parts.push(`<rect x="${x(a).toFixed(1)}" y="${y(c).toFixed(1)}" width="${Math.max(0.5, x(b) - x(a) - 1).toFixed(1)}" height="${(y(0) - y(c)).toFixed(1)}" fill="${b <= 0 ? '#c0392b' : '#27ae60'}"><title>${escapeXml(`${a.toFixed(2)} .. ${b.toFixed(2)}${suffix}: ${c}`)}</title></rect>`);
    });
    const xTicks = niceTicks(lo, hi, 6).filter((t) => t >= lo && t <= hi);
    tickLabels(xTicks, suffix).forEach((label, i) => {
      parts.push(`<text x="${x(xTicks[i]).toFixed(1)}" y="${height - 8}" text-anchor="middle" fill="#555">${escapeXml(label)}</text>`);
    });
  }
  parts.push('</svg>');
  return parts.join('');
}

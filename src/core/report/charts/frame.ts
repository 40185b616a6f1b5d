/**
 * The pieces every static SVG chart of the offline HTML report shares: escaping, the frame with its
 * title, a y axis of round ticks whose labels always fit (the left margin grows with the longest
 * label), year labels along the x axis, and the legend. No script, no external file: the report
 * opens anywhere. (The app's interactive charts use echarts; these only need to be readable.)
 */
import { tickLabels } from '../ticks';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface ChartSeries {
  name: string;
  values: ArrayLike<number>;
  color: string;
}

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const CHAR_WIDTH = 6.6; // at font-size 11, digits and separators
export const TOP = 30;
export const BOTTOM = 28;

/** A frame whose left margin fits the widest tick label. */
export function frameFor(labels: readonly string[], width: number, height: number): Frame {
  const widest = Math.max(0, ...labels.map((l) => l.length));
  return { width, height, left: Math.max(40, Math.ceil(widest * CHAR_WIDTH) + 14), right: 16, top: TOP, bottom: BOTTOM };
}

export function openSvg(title: string, f: Frame): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, sans-serif" font-size="11">` +
    `<text x="8" y="16" font-size="13" font-weight="600">${escapeXml(title)}</text>`;
}

/** Horizontal grid lines and labels at `ticks`; `y` maps a tick to its pixel row. */
export function yAxis(f: Frame, ticks: readonly number[], y: (tick: number) => number, suffix = ''): string {
  const labels = tickLabels(ticks, suffix);
  return ticks.map((t, i) => {
    const row = y(t).toFixed(1);
    return `<line x1="${f.left}" x2="${f.width - f.right}" y1="${row}" y2="${row}" stroke="${t === 0 ? '#999' : '#e3e3e3'}"/>` +
      `<text x="${f.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" fill="#555">${escapeXml(labels[i])}</text>`;
  }).join('');
}

/** One label per year at the year's first date, thinned to about ten labels. */
export function yearLabels(f: Frame, dates: readonly string[], x: (index: number) => number): string {
  const n = dates.length;
  if (n === 0) return '';
  const firstYear = Number(dates[0].slice(0, 4));
  const yearStep = Math.max(1, Math.ceil((Number(dates[n - 1].slice(0, 4)) - firstYear + 1) / 10));
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const year = dates[i].slice(0, 4);
    if ((i === 0 || dates[i - 1].slice(0, 4) !== year) && (Number(year) - firstYear) % yearStep === 0) {
      parts.push(`<text x="${x(i).toFixed(1)}" y="${f.height - 8}" text-anchor="middle" fill="#555">${escapeXml(year)}</text>`);
    }
  }
  return parts.join('');
}

/** Coloured squares and names, right-aligned in the title row. */
export function legend(f: Frame, series: readonly Pick<ChartSeries, 'name' | 'color'>[]): string {
  let x = f.width - f.right;
  const parts: string[] = [];
  for (const s of [...series].reverse()) {
    x -= Math.ceil(s.name.length * CHAR_WIDTH) + 28;
    parts.push(`<rect x="${x}" y="7" width="10" height="10" fill="${s.color}"/><text x="${x + 14}" y="16">${escapeXml(s.name)}</text>`);
  }
  return parts.join('');
}

/**
 * Minimal static SVG charts for the offline HTML report: no script, no external file, so the report
 * opens anywhere. (The app's interactive charts use echarts; these only need to be readable.)
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface LineSeries {
  name: string;
  values: ArrayLike<number>;
  color: string;
}

export interface ChartOptions {
  title: string;
  width?: number;
  height?: number;
  logScale?: boolean;
  /** Fill between the line and zero (drawdown charts). */
  area?: boolean;
  format?: (v: number) => string;
}

const M = { left: 64, right: 16, top: 28, bottom: 28 };

function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const step = Math.pow(10, Math.floor(Math.log10(raw)));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / nice) * nice; v <= max + 1e-9 * nice; v += nice) ticks.push(v);
  return ticks;
}

export function lineChartSvg(dates: readonly string[], series: readonly LineSeries[], options: ChartOptions): string {
  const { width = 900, height = 280, logScale = false, area = false, format = (v) => v.toLocaleString('en-US', { maximumFractionDigits: 2 }) } = options;
  const tf = (v: number) => (logScale ? Math.log10(v) : v);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i];
    if (Number.isFinite(v) && (!logScale || v > 0)) {
      lo = Math.min(lo, tf(v));
      hi = Math.max(hi, tf(v));
    }
  }
  if (area) hi = Math.max(hi, 0);
  if (!(hi > lo)) hi = lo + 1;
  const n = dates.length;
  const x = (i: number) => M.left + (i / Math.max(1, n - 1)) * (width - M.left - M.right);
  const y = (v: number) => M.top + (1 - (v - lo) / (hi - lo)) * (height - M.top - M.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}" font-family="system-ui, sans-serif" font-size="11">`,
    `<text x="${M.left}" y="16" font-size="13" font-weight="600">${escapeXml(options.title)}</text>`,
  ];
  for (const t of niceTicks(lo, hi)) {
    const label = format(logScale ? Math.pow(10, t) : t);
    parts.push(`<line x1="${M.left}" x2="${width - M.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${M.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" fill="#555">${escapeXml(label)}</text>`);
  }
  // One label per year, thinned to about ten labels.
  const firstYear = Number(dates[0]?.slice(0, 4));
  const yearStep = Math.max(1, Math.ceil((Number(dates[n - 1]?.slice(0, 4)) - firstYear + 1) / 10));
  for (let i = 0; i < n; i++) {
    const year = dates[i].slice(0, 4);
    if ((i === 0 || dates[i - 1].slice(0, 4) !== year) && (Number(year) - firstYear) % yearStep === 0) {
      parts.push(`<text x="${x(i).toFixed(1)}" y="${height - 8}" text-anchor="middle" fill="#555">${escapeXml(year)}</text>`);
    }
  }
  for (const s of series) {
    const points: string[] = [];
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i];
      if (Number.isFinite(v) && (!logScale || v > 0)) points.push(`${x(i).toFixed(1)},${y(tf(v)).toFixed(1)}`);
    }
    if (area && points.length) {
      parts.push(`<polygon points="${x(0).toFixed(1)},${y(0).toFixed(1)} ${points.join(' ')} ${x(n - 1).toFixed(1)},${y(0).toFixed(1)}" fill="${s.color}" fill-opacity="0.3" stroke="none"/>`);
    }
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${s.color}" stroke-width="1.3"/>`);
  }
  series.forEach((s, i) => {
    const lx = width - M.right - 180 + i * 90;
    parts.push(`<rect x="${lx}" y="8" width="10" height="10" fill="${s.color}"/><text x="${lx + 14}" y="17">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Histogram of values in `bins` equal-width bins. */
export function histogramSvg(values: readonly number[], options: ChartOptions & { bins?: number }): string {
  const { width = 900, height = 240, bins = 30, format = (v) => v.toFixed(1) } = options;
  const finite = values.filter(Number.isFinite);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}" font-family="system-ui, sans-serif" font-size="11">`,
    `<text x="${M.left}" y="16" font-size="13" font-weight="600">${escapeXml(options.title)}</text>`];
  if (finite.length) {
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    const w = (hi - lo) / bins || 1;
    const counts = new Array<number>(bins).fill(0);
    for (const v of finite) counts[Math.min(bins - 1, Math.floor((v - lo) / w))]++;
    const top = Math.max(...counts);
    const bw = (width - M.left - M.right) / bins;
    counts.forEach((c, i) => {
      const h = (c / top) * (height - M.top - M.bottom);
      const left = lo + i * w;
      parts.push(`<rect x="${(M.left + i * bw).toFixed(1)}" y="${(height - M.bottom - h).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${left + w <= 0 ? '#c0392b' : '#27ae60'}"><title>${escapeXml(`${format(left)} .. ${format(left + w)}: ${c}`)}</title></rect>`);
    });
    parts.push(`<text x="${M.left}" y="${height - 8}" fill="#555">${escapeXml(format(lo))}</text>`,
      `<text x="${width - M.right}" y="${height - 8}" text-anchor="end" fill="#555">${escapeXml(format(hi))}</text>`,
      `<text x="${M.left - 6}" y="${M.top + 4}" text-anchor="end" fill="#555">${top}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

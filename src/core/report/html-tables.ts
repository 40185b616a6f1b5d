/** The tables of the offline HTML report (metrics, years, monthly heatmap, drawdowns, trades, settings). */
import { metricRows, formatMetric } from './metric-rows';
import type { BacktestReport } from './report';
import type { Tearsheet } from './tearsheet';
import { escapeXml as esc } from './charts/frame';
import { formatFixed } from './ticks';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pct = (v: number | null | undefined, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : formatFixed(v, d));

function heatColor(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'transparent';
  const a = Math.min(1, Math.abs(v) / 10);
  return v >= 0 ? `rgba(39,174,96,${a.toFixed(2)})` : `rgba(192,57,43,${a.toFixed(2)})`;
}

export function metricsTable(report: BacktestReport): string {
  const rows = metricRows(report).map((row) =>
    `<tr><th>${esc(row.label)}</th><td>${esc(formatMetric(row.strategy, row.unit))}</td><td>${esc(formatMetric(row.benchmark, row.unit))}</td></tr>`).join('');
  return `<table aria-label="Metrics"><thead><tr><th>Metric</th><th>Strategy</th><th>Benchmark</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function yearsTable(t: Tearsheet): string {
  const rows = t.yearly.map((y) => `<tr><th>${esc(y.year)}</th><td>${pct(y.strategyPct)}</td><td>${pct(y.benchmarkPct)}</td><td>${pct(y.strategyPct - y.benchmarkPct)}</td></tr>`).join('');
  return `<table aria-label="End-of-year returns"><thead><tr><th>Year</th><th>Strategy %</th><th>Benchmark %</th><th>Difference (points)</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function monthlyTable(t: Tearsheet): string {
  const rows = t.monthly.years.map((year, i) => `<tr><th>${esc(year)}</th>${t.monthly.months[i]
    .map((v) => `<td style="background:${heatColor(v)}">${v === null ? '' : pct(v, 1)}</td>`).join('')}<td style="background:${heatColor(t.monthly.yearTotals[i])}"><b>${pct(t.monthly.yearTotals[i], 1)}</b></td></tr>`);
  return `<table class="heat" aria-label="Monthly returns"><thead><tr><th>Year</th>${months.map((m) => `<th>${m}</th>`).join('')}<th>Year</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function drawdownsTable(t: Tearsheet): string {
  const rows = t.worstDrawdowns.map((d, i) => `<tr><td>${i + 1}</td><td>${esc(d.start)}</td><td>${esc(d.valley)}</td><td>${esc(d.end ?? 'not recovered')}</td><td>${pct(d.depthPct)}</td><td>${d.days}</td></tr>`).join('');
  return `<table aria-label="Worst drawdowns"><thead><tr><th>#</th><th>Started</th><th>Valley</th><th>Recovered</th><th>Depth %</th><th>Days</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function tradesTable(report: BacktestReport): string {
  const rows = report.trades.map((t) => `<tr><td>${esc(t.symbol)}</td><td>${t.direction}</td><td>${esc(t.entryDate)}</td><td>${esc(t.exitDate)}</td>` +
    `<td>${t.entryPrice.toFixed(2)}</td><td>${t.exitPrice.toFixed(2)}</td><td>${t.quantity.toFixed(2)}</td><td>${pct(t.pnl)}</td>` +
    `<td>${pct(t.returnPct)}</td><td>${t.durationDays}</td><td>${esc(t.exitReason)}</td><td>${esc(t.entryNote)}</td></tr>`).join('');
  return `<table><thead><tr><th>Symbol</th><th>Side</th><th>Entry</th><th>Exit</th><th>Entry price</th><th>Exit price</th><th>Qty</th><th>P&amp;L</th><th>Return %</th><th>Days</th><th>Exit</th><th>Reason</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function settingsTable(report: BacktestReport): string {
  const { config } = report;
  const rows = Object.entries({ ...config, strategy: JSON.stringify(config.strategy), symbols: config.symbols.join(' ') })
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(String(v))}</td></tr>`).join('');
  return `<table><tbody>${rows}</tbody></table>`;
}

/**
 * The downloadable HTML report: one self-contained file (inline CSS and SVG, no script, no network)
 * that opens offline. Every text that came from user data (symbols, notes) is escaped.
 */
import { escapeXml as esc, histogramSvg, lineChartSvg } from './svg';
import type { BacktestReport } from './report';
import { metricRows, formatMetric } from './metric-rows';
import { dailyReturns, rollingBeta, rollingSharpe } from '../metrics';

const ROLLING_WINDOW = 63;

/** Rolling Sharpe and beta (63 days, as the Backtest tab), when the run has more returns than one window. */
function rollingCharts(dates: string[], equity: number[], benchmark: number[]): string {
  const returns = dailyReturns(Float64Array.from(equity));
  if (returns.length < ROLLING_WINDOW) return '';
  const returnDates = dates.slice(1);
  const sharpe = rollingSharpe(returns, ROLLING_WINDOW);
  const beta = rollingBeta(returns, dailyReturns(Float64Array.from(benchmark)), ROLLING_WINDOW);
  return lineChartSvg(returnDates, [{ name: 'Sharpe', values: sharpe, color: '#7c3aed' }], { title: `Rolling ${ROLLING_WINDOW}-day Sharpe (annualised)`, height: 200 }) +
    lineChartSvg(returnDates, [{ name: 'Beta', values: beta, color: '#0f766e' }], { title: `Rolling ${ROLLING_WINDOW}-day beta vs the benchmark`, height: 200 });
}

function heatColor(pct: number): string {
  if (!Number.isFinite(pct)) return 'transparent';
  const a = Math.min(1, Math.abs(pct) / 10);
  return pct >= 0 ? `rgba(39,174,96,${a.toFixed(2)})` : `rgba(192,57,43,${a.toFixed(2)})`;
}

function monthlyTable(report: BacktestReport): string {
  const byYear = new Map<string, (number | undefined)[]>();
  for (const m of report.monthlyReturns) {
    const [year, month] = m.period.split('-');
    if (!byYear.has(year)) byYear.set(year, new Array(12).fill(undefined));
    byYear.get(year)![Number(month) - 1] = m.returnPct;
  }
  const yearly = new Map(report.yearlyReturns.map((y) => [y.period, y.returnPct]));
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const rows = [...byYear].map(([year, values]) => `<tr><th>${esc(year)}</th>${values
    .map((v) => `<td style="background:${heatColor(v ?? NaN)}">${v === undefined ? '' : v.toFixed(1)}</td>`).join('')}<td style="background:${heatColor(yearly.get(year) ?? NaN)}"><b>${(yearly.get(year) ?? NaN).toFixed(1)}</b></td></tr>`);
  return `<table class="heat"><thead><tr><th>Year</th>${months.map((m) => `<th>${m}</th>`).join('')}<th>Year %</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function reportToHtml(report: BacktestReport): string {
  const { config, metrics } = report;
  const dates = report.equityCurve.map((p) => p.date);
  const equity = report.equityCurve.map((p) => p.equity);
  const benchmark = report.equityCurve.map((p) => p.benchmark);
  const drawdown = report.equityCurve.map((p) => p.drawdownPct);
  const title = `${config.strategy.name} on ${config.symbols.join(', ')}`;
  const metricTable = metricRows(report).map((row) =>
    `<tr><th>${esc(row.label)}</th><td>${esc(formatMetric(row.strategy, row.unit))}</td><td>${esc(formatMetric(row.benchmark, row.unit))}</td></tr>`).join('');
  const settings = Object.entries({ ...config, strategy: JSON.stringify(config.strategy), symbols: config.symbols.join(' ') })
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(String(v))}</td></tr>`).join('');
  const tradeRows = report.trades.map((t) => `<tr><td>${esc(t.symbol)}</td><td>${t.direction}</td><td>${esc(t.entryDate)}</td><td>${esc(t.exitDate)}</td>` +
    `<td>${t.entryPrice.toFixed(2)}</td><td>${t.exitPrice.toFixed(2)}</td><td>${t.quantity.toFixed(2)}</td><td>${t.pnl.toFixed(2)}</td>` +
    `<td>${t.returnPct.toFixed(2)}</td><td>${t.durationDays}</td><td>${esc(t.exitReason)}</td><td>${esc(t.entryNote)}</td></tr>`).join('');
  const drawdownRows = report.drawdowns.map((d) => `<tr><td>${esc(d.peak)}</td><td>${esc(d.trough)}</td><td>${esc(d.recovery ?? 'not recovered')}</td><td>${d.depthPct.toFixed(2)}</td><td>${d.lengthBars}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backtest report: ${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
th{background:#f5f5f5;text-align:left}.heat td{min-width:2.5rem}svg{max-width:100%;height:auto;display:block;margin:1rem 0}
.note{color:#666;font-size:12px}
</style></head><body>
<h1>Backtest report</h1>
<p><b>${esc(title)}</b>, ${esc(metrics.startDate)} to ${esc(metrics.endDate)} (${metrics.bars} bars). Benchmark: buy and hold ${esc(config.benchmark)}.</p>
<p class="note">Simulated, not investment advice. Orders fill at the next bar's open with slippage ${(config.slippage * 100).toFixed(3)}% and commission ${(config.commission * 100).toFixed(3)}% of traded value${config.borrowRate > 0 ? `; shorts pay a borrow fee of ${(config.borrowRate * 100).toFixed(2)}% a year` : ''}.</p>
<h2>Metrics</h2>
<table><thead><tr><th>Metric</th><th>Strategy</th><th>Benchmark</th></tr></thead><tbody>${metricTable}</tbody></table>
<h2>Charts</h2>
${lineChartSvg(dates, [{ name: 'Strategy', values: equity, color: '#2563eb' }, { name: 'Benchmark', values: benchmark, color: '#888' }], { title: 'Equity vs benchmark (log scale)', logScale: true })}
${lineChartSvg(dates, [{ name: 'Drawdown %', values: drawdown, color: '#c0392b' }], { title: 'Drawdown (%)', area: true, height: 200 })}
${rollingCharts(dates, equity, benchmark)}
${histogramSvg(report.trades.map((t) => t.returnPct), { title: 'Distribution of trade returns (%)' })}
<h2>Monthly returns (%)</h2>
${monthlyTable(report)}
<h2>Worst drawdowns</h2>
<table><thead><tr><th>Peak</th><th>Trough</th><th>Recovery</th><th>Depth %</th><th>Bars</th></tr></thead><tbody>${drawdownRows}</tbody></table>
<h2>Trades (${report.trades.length} closed, ${report.openTrades.length} open)</h2>
<table><thead><tr><th>Symbol</th><th>Side</th><th>Entry</th><th>Exit</th><th>Entry price</th><th>Exit price</th><th>Qty</th><th>P&amp;L</th><th>Return %</th><th>Days</th><th>Exit</th><th>Reason</th></tr></thead><tbody>${tradeRows}</tbody></table>
<h2>Settings</h2>
<table><tbody>${settings}</tbody></table>
<p class="note">Generated by Quant Lens on ${esc(report.createdAt)}.</p>
</body></html>
`;
}

/**
 * The downloadable HTML report: one self-contained file (inline CSS and SVG, no script, no network)
 * that opens offline, with the tearsheet of src/core/report/tearsheet.ts (the app shows the same).
 * Every text that came from user data (symbols, notes) is escaped.
 */
import { groupedBarsSvg, histogramSvg } from './charts/bar-chart';
import { escapeXml as esc } from './charts/frame';
import { lineChartSvg } from './charts/line-chart';
import { drawdownsTable, metricsTable, monthlyTable, settingsTable, tradesTable, yearsTable } from './html-tables';
import { periodName } from './metric-rows';
import type { BacktestReport } from './report';
import { buildTearsheet, type Tearsheet } from './tearsheet';
import { histogram } from '../metrics';

const STRATEGY = '#2563eb';
const BENCHMARK = '#888';

function cumulativeCharts(t: Tearsheet, benchmark: string): string {
  const { strategy, benchmark: bench, volatilityMatchedBenchmark } = t.cumulative;
  const growth = (v: Float64Array) => v.map((x) => 100 + x);
  return lineChartSvg(t.dates, [{ name: 'Strategy', values: strategy, color: STRATEGY }, { name: benchmark, values: bench, color: BENCHMARK }], { title: 'Cumulative return vs benchmark (%)', suffix: '%' }) +
    lineChartSvg(t.dates, [{ name: 'Strategy', values: growth(strategy), color: STRATEGY }, { name: benchmark, values: growth(bench), color: BENCHMARK }], { title: 'Growth of 100 (log scale)', logScale: true }) +
    lineChartSvg(t.dates, [{ name: 'Strategy', values: strategy, color: STRATEGY }, { name: `${benchmark}, volatility-matched`, values: volatilityMatchedBenchmark, color: BENCHMARK }], { title: 'Cumulative return vs volatility-matched benchmark (%)', suffix: '%' });
}

function rollingCharts(t: Tearsheet): string {
  const { rolling } = t;
  if (rolling.dates.length < rolling.window) return `<p class="note">Too short for the ${rolling.label} rolling charts.</p>`;
  const chart = (name: string, what: string, values: Float64Array, color: string, suffix = '') =>
    lineChartSvg(rolling.dates, [{ name, values, color }], { title: `Rolling ${rolling.label} ${what}`, height: 200, suffix });
  return chart('Volatility', 'volatility (annualised, %)', rolling.volatilityPct, '#b45309', '%') + chart('Sharpe', 'Sharpe (annualised)', rolling.sharpe, '#7c3aed') +
    chart('Sortino', 'Sortino (annualised)', rolling.sortino, '#0369a1') + chart('Beta', 'beta vs the benchmark', rolling.beta, '#0f766e');
}

function underwaterChart(t: Tearsheet): string {
  const index = new Map(t.dates.map((d, i) => [d, i]));
  const shaded = t.worstDrawdowns.slice(0, 5).map((d) => ({ from: index.get(d.start) ?? 0, to: d.end ? index.get(d.end) ?? t.dates.length - 1 : t.dates.length - 1 }));
  return lineChartSvg(t.dates, [{ name: 'Drawdown', values: t.underwaterPct, color: '#c0392b' }], { title: 'Underwater (drawdown %, the five worst shaded)', area: true, height: 220, suffix: '%', shaded });
}

export function reportToHtml(report: BacktestReport): string {
  const { config, metrics } = report;
  const t = buildTearsheet(report);
  const [period, periodly] = periodName(metrics.periodsPerYear);
  const title = `${config.strategy.name} on ${config.symbols.join(', ')}`;
  const years = t.yearly.map((y) => y.year);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backtest report: ${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
th{background:#f5f5f5;text-align:left}.heat td{min-width:2.5rem}svg{max-width:100%;height:auto;display:block;margin:1rem 0}
.note{color:#666;font-size:12px}.scroll{overflow-x:auto}
</style></head><body>
<h1>Backtest report</h1>
<p><b>${esc(title)}</b>, ${esc(metrics.startDate)} to ${esc(metrics.endDate)} (${metrics.bars} bars, one per ${period}). Benchmark: buy and hold ${esc(config.benchmark)}.</p>
<p class="note">Simulated, not investment advice. Orders fill at the next bar's open with slippage ${(config.slippage * 100).toFixed(3)}% and commission ${(config.commission * 100).toFixed(3)}% of traded value${config.borrowRate > 0 ? `; shorts pay a borrow fee of ${(config.borrowRate * 100).toFixed(2)}% a year` : ''}. Ratios are annualised with ${t.frequency.periodsPerYear} periods a year and a risk-free rate of 0.</p>
<h2>Metrics</h2>
${metricsTable(report)}
<h2>Cumulative returns</h2>
${cumulativeCharts(t, `Benchmark (${config.benchmark})`)}
<h2>End-of-year returns</h2>
${groupedBarsSvg(years, [{ name: 'Strategy', values: t.yearly.map((y) => y.strategyPct), color: STRATEGY }, { name: 'Benchmark', values: t.yearly.map((y) => y.benchmarkPct), color: BENCHMARK }], { title: 'Return by calendar year (%)', suffix: '%' })}
${yearsTable(t)}
<h2>Monthly returns (%)</h2>
<div class="scroll">${monthlyTable(t)}</div>
<h2>Return distribution</h2>
${histogramSvg(t.distribution, { title: `Distribution of ${periodly.toLowerCase()} returns (%)`, suffix: '%' })}
${histogramSvg(histogram(report.trades.map((tr) => tr.returnPct), 30), { title: 'Distribution of trade returns (%)', suffix: '%' })}
<h2>Rolling measures</h2>
${rollingCharts(t)}
<h2>Drawdowns</h2>
${underwaterChart(t)}
${drawdownsTable(t)}
<h2>Trades (${report.trades.length} closed, ${report.openTrades.length} open)</h2>
<div class="scroll">${tradesTable(report)}</div>
<h2>Settings</h2>
${settingsTable(report)}
<p class="note">Generated by Quant Lens on ${esc(report.createdAt)}.</p>
</body></html>
`;
}

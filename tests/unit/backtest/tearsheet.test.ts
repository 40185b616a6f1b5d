/**
 * The tearsheet (src/core/report/tearsheet.ts) and the offline HTML report drawn from it: the numbers
 * of each section, windows in the data's own periods (monthly data: 6-month windows, 12 periods a
 * year), and chart labels that are round, fit the chart and never read "-0".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src/core/backtest/engine';
import { barsToSeries, seriesToBars, type PriceSeries } from '../../../src/core/data/types';
import { dailyReturns, sampleStd } from '../../../src/core/metrics';
import { reportToHtml } from '../../../src/core/report/html';
import { buildReport, type BacktestReport } from '../../../src/core/report/report';
import { buildTearsheet } from '../../../src/core/report/tearsheet';
import { formatFixed, logTicks, niceTicks, tickLabels } from '../../../src/core/report/ticks';
import { buyHold } from '../../../src/core/strategy/buy-hold';
import { smaCross } from '../../../src/core/strategy/sma-cross';
import { loadSp500 } from './sp500';

let spx: PriceSeries;
let daily: BacktestReport;
let monthly: BacktestReport;

/** The last bar of each month: the same market as a monthly file. */
function monthEnds(series: PriceSeries): PriceSeries {
  const bars = seriesToBars(series);
  return barsToSeries(series.symbol, bars.filter((b, i) => i === bars.length - 1 || bars[i + 1].date.slice(0, 7) !== b.date.slice(0, 7)));
}

beforeAll(async () => {
  spx = await loadSp500();
  daily = buildReport(await runBacktest({ universe: [spx] }, smaCross({ fast: 10, slow: 30 }), {}), { name: 'sma-cross', fast: 10, slow: 30 });
  monthly = buildReport(await runBacktest({ universe: [monthEnds(spx)] }, buyHold(), {}), { name: 'buy-hold' });
});

describe('tearsheet sections', () => {
  it('cumulative returns, the volatility-matched benchmark and end-of-year rows', () => {
    const t = buildTearsheet(daily);
    const last = daily.equityCurve.length - 1;
    expect(t.cumulative.strategy[last]).toBeCloseTo(daily.metrics.totalReturnPct, 9);
    expect(t.cumulative.benchmark[last]).toBeCloseTo(daily.benchmarkMetrics.totalReturnPct, 9);
    // Volatility-matched: the benchmark's returns scaled to the strategy's volatility.
    const growth = (pct: Float64Array) => pct.map((v) => 1 + v / 100);
    expect(sampleStd(dailyReturns(growth(t.cumulative.volatilityMatchedBenchmark)))).toBeCloseTo(sampleStd(dailyReturns(growth(t.cumulative.strategy))), 12);
    expect(t.yearly.map((y) => y.year)).toEqual(daily.yearlyReturns.map((y) => y.period));
    expect(t.yearly[0]).toMatchObject({ year: '2000', strategyPct: expect.closeTo(-13.0913116, 6), benchmarkPct: expect.closeTo(daily.benchmarkYearlyReturns[0].returnPct, 12) });
  });

  it('monthly grid with yearly totals equal to the months compounded', () => {
    const { monthly: grid } = buildTearsheet(daily);
    expect(grid.years).toHaveLength(21);
    grid.years.forEach((_, i) => {
      const compounded = grid.months[i].reduce<number>((g, m) => g * (1 + (m ?? 0) / 100), 1);
      expect((compounded - 1) * 100).toBeCloseTo(grid.yearTotals[i], 9);
    });
    expect(grid.months[20].slice(4)).toEqual([null, null, null, null, null, null, null, null]); // the data ends in April 2020
  });

  it('rolling windows, distribution and worst drawdowns', () => {
    const t = buildTearsheet(daily);
    expect(t.rolling).toMatchObject({ window: 126, label: '126-day' });
    expect(t.rolling.sharpe[124]).toBeNaN();
    expect(Number.isFinite(t.rolling.sortino[125])).toBe(true);
    expect(Array.from(t.distribution.counts).reduce((a, b) => a + b)).toBe(daily.equityCurve.length - 1);
    expect(t.worstDrawdowns).toHaveLength(10);
    expect(t.worstDrawdowns[0]).toEqual({ start: '2000-03-24', valley: '2003-03-31', end: '2010-04-23', depthPct: expect.closeTo(-32.29, 2), days: 3682 });
    expect(t.worstDrawdowns.map((d) => d.depthPct)).toEqual([...t.worstDrawdowns.map((d) => d.depthPct)].sort((a, b) => a - b));
  });

  it('monthly data: 12 periods a year, 6-month windows, monthly VaR', () => {
    const t = buildTearsheet(monthly);
    expect(monthly.metrics.periodsPerYear).toBe(12);
    expect(t.frequency.period).toBe('month');
    expect(t.rolling).toMatchObject({ window: 6, label: '6-month' });
    const html = reportToHtml(monthly);
    expect(html).toContain('Monthly VaR 95% [%]');
    expect(html).not.toContain('Daily VaR');
    expect(html).toContain('Rolling 6-month Sharpe');
    // Annual volatility of month-end closes is about the daily one (19.9%), not sqrt(252/12) times it.
    expect(monthly.metrics.annualVolatilityPct).toBeGreaterThan(12);
    expect(monthly.metrics.annualVolatilityPct).toBeLessThan(20);
  });
});

describe('chart labels', () => {
  it('ticks are round numbers and never "-0"', () => {
    expect(niceTicks(-32.3, 0)).toEqual([-40, -30, -20, -10, 0]);
    expect(tickLabels(niceTicks(-0.004, 0.0031))).toEqual(['-0.004', '-0.002', '0.000', '0.002', '0.004']);
    expect(logTicks(100, 1_000_000)).toEqual([100, 1000, 10_000, 100_000, 1_000_000]);
    expect(logTicks(93_000, 215_000)).toEqual([100_000, 125_000, 150_000, 175_000, 200_000]);
    expect(formatFixed(-0.0004, 2)).toBe('0.00');
    expect(formatFixed(-0.006, 2)).toBe('-0.01');
  });

  it('the HTML report: round log-scale ticks that fit, no "-0", a yearly column in the monthly heatmap', () => {
    const html = reportToHtml(daily);
    expect(html).not.toMatch(/>-0(\.0+)?%?</);
    const log = html.match(/<svg[^>]*aria-label="Growth of 100 \(log scale\)"[\s\S]*?<\/svg>/)![0];
    const labels = [...log.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="end" fill="#555">([^<]+)<\/text>/g)];
    expect(labels.length).toBeGreaterThanOrEqual(3);
    for (const [, x, text] of labels) {
      expect(Number(text.replace(/,/g, '')) % 10, text).toBe(0);
      // Right-aligned at x: the label (about 6.6 px a character) must start inside the picture.
      expect(Number(x) - text.length * 6.6).toBeGreaterThanOrEqual(0);
    }
    expect(html).toMatch(/<table class="heat" aria-label="Monthly returns"><thead><tr><th>Year<\/th><th>Jan<\/th>[\s\S]*<th>Dec<\/th><th>Year<\/th>/);
    for (const section of ['Cumulative return vs benchmark (%)', 'Growth of 100 (log scale)', 'Cumulative return vs volatility-matched benchmark (%)',
      'Return by calendar year (%)', 'Distribution of daily returns (%)', 'Rolling 126-day volatility (annualised, %)', 'Rolling 126-day Sharpe (annualised)',
      'Rolling 126-day Sortino (annualised)', 'Rolling 126-day beta vs the benchmark', 'Underwater (drawdown %, the five worst shaded)']) {
      expect(html).toContain(`aria-label="${section}"`);
    }
    expect((html.match(/fill="#c0392b" fill-opacity="0.12"/g) ?? []).length).toBe(5);
  });
});

/**
 * Reading a backtest report back from its JSON file (what "Download JSON" and the CLI's `backtest
 * --out` write), checked with the project's validate builders: every field the tearsheet and the run
 * list read is checked, with the path of the first problems in the message; nulls (NaN written by
 * `reportToJson`) become NaN again, and fields renamed since are read under today's names. A bad file gives
 * an error and no report.
 */
import { INVALID, array, formatIssues, isoDate, json, nullable, number, object, oneOf, parseJson, record, string, type Schema } from '../validate';
import type { PositionSummary } from '../backtest/types';
import { strategySpecSchema } from '../strategy/registry';
import { reportFormat, reportVersion, type BacktestReport } from './report';

const text = (maxLength = 2000) => string({ maxLength });
const maybeNumber = () => nullable(number());
const periodReturn = object({ period: string({ pattern: /^\d{4}(-\d{2})?$/, patternName: 'a YYYY or YYYY-MM period' }), returnPct: maybeNumber() });

const tradeSchema = object({
  symbol: text(64), direction: oneOf(['long', 'short']), entryDate: isoDate(), exitDate: string({ maxLength: 10 }),
  entryPrice: maybeNumber(), exitPrice: maybeNumber(), quantity: maybeNumber(), pnl: maybeNumber(), returnPct: maybeNumber(),
  commission: maybeNumber(), borrowCost: maybeNumber(), durationDays: maybeNumber(), entryNote: text(), exitReason: oneOf(['signal', 'stop-loss', 'take-profit', 'open']), exitNote: text(),
});

/** Checks the fields `shape` names, and keeps every other field too (a clean JSON copy): settings are shown as saved. */
function checkedAndKept(shape: Schema<unknown>): Schema<Record<string, unknown>> {
  return {
    expected: shape.expected,
    check(value, path, ctx) {
      if (shape.check(value, path, ctx) === INVALID) return INVALID;
      return json().check(value, path, ctx) as Record<string, unknown>;
    },
  };
}

const reportSchema = object({
  format: oneOf([reportFormat]),
  version: number({ integer: true, min: 1, max: reportVersion }),
  createdAt: text(64),
  config: checkedAndKept(object({
    // A built-in strategy's parameters as its declaration allows (an imported run can be swept and re-run).
    strategy: strategySpecSchema(),
    symbols: array(text(64), { minLength: 1, maxLength: 1000 }),
    benchmark: text(256),
    capital: number({ min: 0 }),
    commission: number({ min: 0 }),
    slippage: number({ min: 0 }),
    borrowRate: number({ min: 0 }),
  })),
  metrics: record(nullable(json()), { maxKeys: 500 }),
  benchmarkMetrics: record(maybeNumber(), { maxKeys: 500 }),
  equityCurve: array(object({ date: isoDate(), equity: number({ min: 0 }), benchmark: maybeNumber(), drawdownPct: number({ max: 0 }), exposurePct: maybeNumber() }), { minLength: 2, maxLength: 1_000_000 }),
  trades: array(tradeSchema, { maxLength: 1_000_000 }),
  openTrades: array(tradeSchema, { maxLength: 100_000 }),
  monthlyReturns: array(periodReturn, { maxLength: 100_000 }),
  yearlyReturns: array(periodReturn, { maxLength: 10_000 }),
  benchmarkMonthlyReturns: array(periodReturn, { maxLength: 100_000 }),
  benchmarkYearlyReturns: array(periodReturn, { maxLength: 10_000 }),
  drawdowns: array(object({ peak: isoDate(), trough: isoDate(), recovery: nullable(isoDate()), depthPct: number({ max: 0 }), lengthBars: number({ integer: true, min: 0 }) }), { maxLength: 100 }),
  signals: array(json(), { maxLength: 1_000_000 }),
  positions: array(json(), { maxLength: 100_000 }),
});

export type ReportFileResult = { ok: true; report: BacktestReport } | { ok: false; message: string };

const nullToNaN = (values: object) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? NaN : v]));

/** Parses and checks a report file; `fileName` starts every error line. */
export function parseReportFile(content: string, fileName: string): ReportFileResult {
  const parsed = parseJson(content, reportSchema, { root: 'report', maxErrors: 5 });
  if (!parsed.ok) {
    // A file of another kind fails every field: its format is the one line worth showing.
    const format = parsed.errors.find((e) => e.path === 'report.format');
    if (format) return { ok: false, message: `${fileName}: not a Quant Lens backtest report (the JSON that "Download JSON" or the CLI's backtest --out writes):\n${formatIssues([format])}` };
    return { ok: false, message: `${fileName}:\n${formatIssues(parsed.errors)}` };
  }
  const value = parsed.value;
  const dates = value.equityCurve.map((p) => p.date);
  const unsorted = dates.findIndex((d, i) => i > 0 && d <= dates[i - 1]);
  if (unsorted > 0) return { ok: false, message: `${fileName}:\nreport.equityCurve[${unsorted}].date: ${dates[unsorted]} is not after ${dates[unsorted - 1]} (dates must ascend, one point per date)` };
  const report = {
    ...value,
    metrics: nullToNaN(value.metrics),
    benchmarkMetrics: nullToNaN(value.benchmarkMetrics),
    equityCurve: value.equityCurve.map(nullToNaN),
    trades: value.trades.map(nullToNaN),
    openTrades: value.openTrades.map(nullToNaN),
    monthlyReturns: value.monthlyReturns.map(nullToNaN),
    yearlyReturns: value.yearlyReturns.map(nullToNaN),
    benchmarkMonthlyReturns: value.benchmarkMonthlyReturns.map(nullToNaN),
    benchmarkYearlyReturns: value.benchmarkYearlyReturns.map(nullToNaN),
  };
  return { ok: true, report: withCurrentNames(report as unknown as BacktestReport) };
}

/** A position as reports stored it before its average cost had one name (backtests said `averagePrice`). */
type StoredPosition = PositionSummary | (Omit<PositionSummary, 'averageCost'> & { averagePrice: number });

/**
 * The report under today's names, for reports written before a rename (files and runs saved in IndexedDB):
 * a position's `averagePrice` is read as `averageCost`. The same object when nothing needs renaming.
 */
export function withCurrentNames(report: BacktestReport): BacktestReport {
  const stored = report.positions as readonly StoredPosition[];
  if (!stored.some((p) => 'averagePrice' in p)) return report;
  return {
    ...report,
    positions: stored.map((p) => {
      if (!('averagePrice' in p)) return p;
      const { averagePrice, ...rest } = p;
      return { ...rest, averageCost: averagePrice };
    }),
  };
}

/** The metrics table rows (label, unit, strategy vs benchmark), shared by the UI and the HTML report. */
import type { BacktestReport } from './report';
import { formatFixed } from './ticks';

export type MetricUnit = 'pct' | 'ratio' | 'currency' | 'count' | 'days' | 'bars' | 'times' | 'text';

export interface MetricRow {
  key: string;
  label: string;
  unit: MetricUnit;
  strategy: number | string;
  /** Undefined where the benchmark has no such number (e.g. trade statistics). */
  benchmark?: number | string;
}

type Key = keyof BacktestReport['metrics'];
/** `{period}` in a label becomes "day", "week" or "month" (the bars' frequency), `{Periodly}` "Daily"... */
const rows: [Key, string, MetricUnit, boolean][] = [
  ['startDate', 'Start', 'text', false],
  ['endDate', 'End', 'text', false],
  ['finalValue', 'Final equity', 'currency', true],
  ['totalReturnPct', 'Total return [%]', 'pct', true],
  ['cagrPct', 'CAGR [%]', 'pct', true],
  ['annualVolatilityPct', 'Annual volatility [%]', 'pct', true],
  ['sharpe', 'Sharpe ratio', 'ratio', true],
  ['sortino', 'Sortino ratio', 'ratio', true],
  ['calmar', 'Calmar ratio', 'ratio', true],
  ['maxDrawdownPct', 'Max. drawdown [%]', 'pct', true],
  ['maxDrawdownDurationDays', 'Max. drawdown duration [days]', 'days', true],
  ['averageDrawdownPct', 'Avg. drawdown [%]', 'pct', true],
  ['ulcerIndexPct', 'Ulcer index [%]', 'pct', true],
  ['recoveryFactor', 'Recovery factor', 'ratio', true],
  ['var95Pct', '{Periodly} VaR 95% [%]', 'pct', true],
  ['cvar95Pct', '{Periodly} CVaR 95% [%]', 'pct', true],
  ['skew', 'Skew', 'ratio', true],
  ['kurtosis', 'Kurtosis (excess)', 'ratio', true],
  ['omega', 'Omega ratio', 'ratio', true],
  ['tailRatio', 'Tail ratio', 'ratio', true],
  ['probabilisticSharpePct', 'Probabilistic Sharpe [%]', 'pct', true],
  ['bestDayPct', 'Best {period} [%]', 'pct', true],
  ['worstDayPct', 'Worst {period} [%]', 'pct', true],
  ['bestMonthPct', 'Best month [%]', 'pct', true],
  ['worstMonthPct', 'Worst month [%]', 'pct', true],
  ['bestYearPct', 'Best year [%]', 'pct', true],
  ['worstYearPct', 'Worst year [%]', 'pct', true],
  ['alphaAnnualPct', 'Alpha (annual) [%]', 'pct', false],
  ['beta', 'Beta', 'ratio', false],
  ['informationRatio', 'Information ratio', 'ratio', false],
  ['rSquared', 'R squared', 'ratio', false],
  ['exposureTimePct', 'Exposure time [%]', 'pct', false],
  ['annualTurnover', 'Turnover [x per year]', 'times', false],
  ['trades', 'Trades', 'count', false],
  ['winRatePct', 'Win rate [%]', 'pct', false],
  ['bestTradePct', 'Best trade [%]', 'pct', false],
  ['worstTradePct', 'Worst trade [%]', 'pct', false],
  ['averageTradePct', 'Avg. trade [%]', 'pct', false],
  ['averageTradeDays', 'Avg. trade length [days]', 'days', false],
  ['profitFactor', 'Profit factor', 'ratio', false],
  ['expectancy', 'Expectancy [per trade]', 'currency', false],
  ['payoffRatio', 'Payoff ratio', 'ratio', false],
  ['sqn', 'SQN', 'ratio', false],
  ['maxConsecutiveWins', 'Max. consecutive wins', 'count', false],
  ['maxConsecutiveLosses', 'Max. consecutive losses', 'count', false],
  ['commissionPaid', 'Commission paid', 'currency', false],
  ['borrowPaid', 'Borrow fees paid', 'currency', false],
  ['realizedPnl', 'Realized P&L', 'currency', false],
  ['unrealizedPnl', 'Unrealized P&L', 'currency', false],
  ['signalsBuy', 'Buy signals', 'count', false],
  ['signalsSell', 'Sell signals', 'count', false],
  ['signalsHold', 'Hold signals', 'count', false],
];

const periodNames: Record<number, [string, string]> = { 252: ['day', 'Daily'], 52: ['week', 'Weekly'], 12: ['month', 'Monthly'] };

/** The bar's period in words; reports saved before `periodsPerYear` existed were daily. */
export function periodName(periodsPerYear: number | undefined): [period: string, periodly: string] {
  return periodNames[periodsPerYear ?? 252] ?? periodNames[252];
}

/** The unit a metric is shown in (a count such as trades prints without decimals); 'ratio' for keys not in the table. */
export function metricUnit(key: string): MetricUnit {
  return rows.find(([k]) => k === key)?.[2] ?? 'ratio';
}

export function metricRows(report: Pick<BacktestReport, 'metrics' | 'benchmarkMetrics'>): MetricRow[] {
  const bench = report.benchmarkMetrics as unknown as Record<string, number>;
  const [period, periodly] = periodName(report.metrics.periodsPerYear);
  return rows.map(([key, label, unit, hasBenchmark]) => ({
    key,
    label: label.replace('{period}', period).replace('{Periodly}', periodly),
    unit,
    strategy: report.metrics[key] as number | string,
    benchmark: key === 'startDate' || key === 'endDate' ? undefined : hasBenchmark ? bench[key] : key === 'beta' ? 1 : undefined,
  }));
}

/** Text of one metric; a missing value (NaN, null from JSON) is shown as a dash. */
export function formatMetric(value: number | string | null | undefined, unit: MetricUnit): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  if (value === null || Number.isNaN(value)) return '–';
  if (value === Infinity) return '∞';
  switch (unit) {
    case 'currency':
      return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'count':
    case 'days':
    case 'bars':
      return Number.isInteger(value) ? String(value) : formatFixed(value, 1);
    default:
      return formatFixed(value, 2);
  }
}

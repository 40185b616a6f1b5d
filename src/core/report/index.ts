/**
 * Backtest reports: the JSON report and everything drawn from it (docs/backtest.md). Where each part lives:
 * - report.ts       the report (CLI contract: config, equity curve, trades, metrics) and its JSON
 * - report-file.ts  reading a report file back, checked
 * - run-name.ts     a run's default name ("SMA 10/30, SPX")
 * - tearsheet.ts    the tearsheet's numbers (years, months, drawdowns), from the report alone
 * - metric-rows.ts  the metrics table rows shared by the app and the HTML report
 * - html.ts         the offline HTML report; html-tables.ts its tables; charts/ its SVG charts; ticks.ts axis ticks
 * - trades-csv.ts   the trade list as CSV
 */
export * from './report';
export * from './report-file';
export * from './run-name';
export * from './tearsheet';
export * from './metric-rows';
export * from './html';
export * from './html-tables';
export * from './ticks';
export * from './trades-csv';

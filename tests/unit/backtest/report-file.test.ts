/** A report's JSON file read back (the app's import): the same report, and clear errors for bad files. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as backtestCli } from '../../../src/cli/backtest';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src/core/backtest/engine';
import { buildReport, reportToJson } from '../../../src/core/report/report';
import { parseReportFile, withCurrentNames } from '../../../src/core/report/report-file';
import { buildTearsheet } from '../../../src/core/report/tearsheet';
import { defaultRunName } from '../../../src/core/report/run-name';
import { smaCross } from '../../../src/core/strategy/sma-cross';
import { loadSp500, sp500Path } from './sp500';

describe('report files', () => {
  it('a report written to JSON reads back with the same tearsheet', async () => {
    const report = buildReport(await runBacktest({ universe: [await loadSp500()] }, smaCross({ fast: 10, slow: 30 }), {}), { name: 'sma-cross', fast: 10, slow: 30 });
    const read = parseReportFile(reportToJson(report), 'run.json');
    if (!read.ok) throw new Error(read.message);
    expect(read.report.metrics.totalReturnPct).toBe(report.metrics.totalReturnPct);
    expect(read.report.config).toEqual(JSON.parse(JSON.stringify(report.config)));
    const [a, b] = [buildTearsheet(report), buildTearsheet(read.report)];
    expect(b.yearly).toEqual(a.yearly);
    expect(b.worstDrawdowns).toEqual(a.worstDrawdowns);
    expect(Array.from(b.rolling.sharpe.slice(125, 200))).toEqual(Array.from(a.rolling.sharpe.slice(125, 200)));
    expect(defaultRunName(read.report.config.strategy, read.report.config.symbols)).toBe('SMA 10/30, SPX');
  });

  it("reads the file the CLI's backtest --out writes", async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ql-report-file-')), 'cli.json');
    await backtestCli(['--csv', sp500Path, '--strategy', 'rsi', '--out', out]);
    const read = parseReportFile(readFileSync(out, 'utf8'), 'cli.json');
    if (!read.ok) throw new Error(read.message);
    expect(defaultRunName(read.report.config.strategy, read.report.config.symbols)).toBe('RSI 14 (30/70), SP500-2000');
    expect(buildTearsheet(read.report).worstDrawdowns.length).toBeGreaterThan(0);
  });

  it("reads reports written before a position's average cost had one name (`averagePrice`), from files and saved runs", async () => {
    const result = await runBacktest({ universe: [await loadSp500()] }, smaCross({ fast: 10, slow: 30 }), { to: '2000-06-30' });
    const report = buildReport(result, { name: 'sma-cross', fast: 10, slow: 30 });
    const open = report.positions.find((p) => p.quantity !== 0)!;
    expect(open.averageCost).toBeGreaterThan(0);
    // The file as the app and the CLI wrote it before the rename.
    const old = JSON.parse(reportToJson(report));
    old.positions = old.positions.map(({ averageCost, ...p }: { averageCost: number }) => ({ ...p, averagePrice: averageCost }));
    const read = parseReportFile(JSON.stringify(old), 'old.json');
    if (!read.ok) throw new Error(read.message);
    expect(read.report.positions).toEqual(report.positions.map((p) => expect.objectContaining({ ...p })));
    expect(read.report.positions.every((p) => !('averagePrice' in p))).toBe(true);
    // A run saved in IndexedDB holds the report object itself.
    expect(withCurrentNames(old).positions.find((p) => p.symbol === open.symbol)).toEqual(open);
    expect(withCurrentNames(report)).toBe(report);
  });

  it('rejects a file that is not a report, with the file name and the field', () => {
    const notReport = parseReportFile(JSON.stringify({ symbol: 'AAPL', bars: [] }), 'bars.json');
    expect(notReport).toEqual({ ok: false, message: 'bars.json: not a Quant Lens backtest report (the JSON that "Download JSON" or the CLI\'s backtest --out writes):\nreport.format: missing required field (expected one of "quant-lens/backtest-report")' });
    expect(parseReportFile('{"format": ', 'cut.json')).toEqual({ ok: false, message: expect.stringMatching(/^cut\.json:\nreport: not valid JSON/) });
  });

  it('rejects a report with a broken equity curve', () => {
    const good = JSON.parse(readFileSync(new URL('../../reference/backtest/tearsheet-input.json', import.meta.url), 'utf8')) as { daily: { dates: string[] } };
    const dates = good.daily.dates.slice(0, 3);
    const report = {
      format: 'quant-lens/backtest-report', version: 1, createdAt: 'x',
      config: { strategy: { name: 'buy-hold' }, symbols: ['X'], benchmark: 'X', capital: 1, commission: 0, slippage: 0, borrowRate: 0 },
      metrics: {}, benchmarkMetrics: {},
      equityCurve: [dates[0], dates[2], dates[1]].map((date) => ({ date, equity: 1, benchmark: 1, drawdownPct: 0, exposurePct: 0 })),
      trades: [], openTrades: [], monthlyReturns: [], yearlyReturns: [], benchmarkMonthlyReturns: [], benchmarkYearlyReturns: [], drawdowns: [], signals: [], positions: [],
    };
    expect(parseReportFile(JSON.stringify(report), 'r.json')).toEqual({ ok: false, message: 'r.json:\nreport.equityCurve[2].date: 2000-01-04 is not after 2000-01-05 (dates must ascend, one point per date)' });
    report.equityCurve[1].equity = -5;
    expect(parseReportFile(JSON.stringify(report), 'r.json')).toEqual({ ok: false, message: expect.stringContaining('report.equityCurve[1].equity: ') });
  });
});

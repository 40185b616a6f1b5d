import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/backtest';
import { CliError } from '../../../src/cli/args';
import { runBacktest } from '../../../src/core/backtest/engine';
import { reportToHtml } from '../../../src/core/report/html';
import { buildReport, reportToJson } from '../../../src/core/report/report';
import { tradesToCsv } from '../../../src/core/report/trades-csv';
import { seriesFrom, scripted } from './helpers';
import { sp500Path } from './sp500';

const bars: [number, number, number, number][] = [[100, 101, 99, 100], [102, 103, 101, 102], [104, 106, 103, 105], [103, 104, 98, 99], [100, 101, 97, 98]];

async function sampleReport(symbol = 'X') {
  const strategy = scripted({ '2024-01-01': [{ symbol, signal: 'buy', targetWeight: 1 }], '2024-01-03': [{ symbol, signal: 'sell', targetWeight: 0 }] });
  const result = await runBacktest({ universe: [seriesFrom(symbol, bars)] }, strategy, { capital: 10_000, commission: 0.01, slippage: 0.01, wholeShares: true });
  return buildReport(result, { name: 'buy-hold' }, '2026-01-01T00:00:00Z');
}

describe('report JSON, HTML and CSV', () => {
  it('holds config, equity curve, trades and metrics; NaN becomes null', async () => {
    const report = await sampleReport();
    const json = JSON.parse(reportToJson(report));
    expect(json.config).toMatchObject({ capital: 10_000, commission: 0.01, strategy: { name: 'buy-hold' }, symbols: ['X'], benchmark: 'X' });
    expect(json.equityCurve.map((p: { equity: number }) => p.equity)).toEqual(Array.from(report.equityCurve, (p) => p.equity));
    expect(json.trades).toHaveLength(1);
    expect(json.metrics.profitFactor).toBe(0); // one losing trade: no profit over its loss
    expect(json.metrics.totalReturnPct).toBeCloseTo((9702.4096 / 10_000 - 1) * 100, 8);
    const idle = buildReport(await runBacktest({ universe: [seriesFrom('X', bars)] }, scripted({}), {}), { name: 'buy-hold' });
    const idleJson = JSON.parse(reportToJson(idle));
    expect(idleJson.metrics.winRatePct).toBeNull();
    expect(idleJson.metrics.sharpe).toBeNull();
  });

  it('escapes user text in the HTML report and embeds no script or remote resource', async () => {
    const report = await sampleReport('<img src=x onerror=alert(1)>');
    const html = reportToHtml(report);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<link|src="http/i);
    // Cumulative (3), years, two histograms, underwater; a 5-bar run is too short for rolling charts.
    expect((html.match(/<svg/g) ?? []).length).toBe(7);
  });

  it('writes trades as CSV with a header and neutralises formula-like cells', async () => {
    const report = await sampleReport('=CMD');
    const lines = tradesToCsv(report.trades).trim().split('\n');
    expect(lines[0]).toBe('symbol,direction,entryDate,exitDate,entryPrice,exitPrice,quantity,pnl,returnPct,commission,borrowCost,durationDays,exitReason,entryNote,exitNote');
    expect(lines[1].startsWith("'=CMD,long,2024-01-02,2024-01-04,103.02")).toBe(true);
  });
});

describe('backtest CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ql-backtest-cli-'));
  it('writes the report of the DESIGN contract', async () => {
    const out = join(dir, 'report.json');
    await run(['--csv', sp500Path, '--strategy', 'sma-cross', '--fast', '10', '--slow', '30', '--out', out, '--whole-shares', '--allow-short']);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/backtest/sma-cross-reference.json'), 'utf8'));
    expect(report.config).toMatchObject({ capital: 100_000, commission: 0.001, slippage: 0.0005, wholeShares: true, allowShort: true, strategy: { name: 'sma-cross', fast: 10, slow: 30 } });
    expect(report.metrics.finalValue).toBeCloseTo(fixture.scenarios['long-short-whole-shares'].metrics.finalValue, 6);
    expect(report.equityCurve[0]).toEqual({ date: '2000-01-03', equity: 100_000, benchmark: 100_000, drawdownPct: 0, exposurePct: 0 });
  });

  it('writes the offline HTML report with the rolling charts of a long run', async () => {
    const html = join(dir, 'report.html');
    await run(['--csv', sp500Path, '--strategy', 'buy-hold', '--out', join(dir, 'bh.json'), '--html', html]);
    const text = readFileSync(html, 'utf8');
    expect((text.match(/<svg/g) ?? []).length).toBe(11); // 7 as above plus rolling volatility, Sharpe, Sortino, beta
    expect(text).toContain('Rolling 126-day Sharpe (annualised)');
    expect(text).toContain('Rolling 126-day beta vs the benchmark');
  });

  it('rejects bad input with a clear message and writes nothing', async () => {
    const out = join(dir, 'never.json');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'date,open,high,low,close,volume\n2024-01-02,1,2,0.5,1.5,100\n2024-01-03,1,2,0.5,abc,100\n');
    await expect(run(['--csv', join(dir, 'missing.csv'), '--strategy', 'buy-hold', '--out', out])).rejects.toThrow(/cannot read .*missing\.csv/);
    await expect(run(['--csv', bad, '--strategy', 'buy-hold', '--out', out])).rejects.toThrow(/bad\.csv: row 3, column close/);
    await expect(run(['--csv', sp500Path, '--strategy', 'macd', '--out', out])).rejects.toThrow(/unknown strategy "macd"/);
    await expect(run(['--csv', sp500Path, '--strategy', 'sma-cross', '--fast', '30', '--slow', '10', '--out', out])).rejects.toThrow(/fast < slow/);
    await expect(run(['--csv', sp500Path, '--strategy', 'buy-hold', '--rebalance', 'hourly', '--out', out])).rejects.toBeInstanceOf(CliError);
    await expect(run(['--csv', sp500Path, '--strategy', 'buy-hold', '--benchmark', 'QQQ', '--out', out])).rejects.toThrow(/benchmark "QQQ" is not one of the symbols/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('backtest CLI with a real Chronos-2 checkpoint (tiny test weights, onnxruntime-web WASM)', () => {
  it('decides from one batched forecast per date on closes up to that date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ql-backtest-c2-'));
    const out = join(dir, 'report.json');
    const model = join(import.meta.dirname, '../../fixtures/chronos2');
    await run(['--csv', sp500Path, '--strategy', 'forecast', '--model', model, '--horizon', '10', '--rebalance', 'monthly',
      '--from', '2019-01-01', '--to', '2019-12-31', '--out', out]);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    // 12 month ends, the last one cannot fill: 11 decisions on one symbol.
    const m = report.metrics;
    expect(m.signalsBuy + m.signalsSell + m.signalsHold).toBe(11);
    // Recompute the first decision independently: the same model on the closes up to 2019-01-31.
    const [{ loadForecaster }, ort, { loadSp500 }, { classifyForecast, forecastStrategyDefaults }] = await Promise.all([
      import('../../../src/core/forecast/model-loader'), import('onnxruntime-web'), import('./sp500'), import('../../../src/core/strategy/forecast')]);
    const spx = await loadSp500();
    const end = spx.dates.indexOf('2019-01-31') + 1;
    const forecaster = await loadForecaster(ort as never, { configJson: readFileSync(join(model, 'config.json'), 'utf8'), weights: new Uint8Array(readFileSync(join(model, 'model.safetensors'))) });
    const [forecast] = await forecaster.forecast([{ target: spx.close.subarray(Math.max(0, end - 512), end) }], { horizon: 10 });
    await forecaster.dispose?.();
    const expected = classifyForecast(forecast, forecastStrategyDefaults);
    const first = report.signals.find((s: { date: string }) => s.date === '2019-01-31');
    if (expected === 'hold') expect(first).toBeUndefined();
    else expect(first).toMatchObject({ signal: expected, reason: expect.stringContaining(`expected return ${(forecast.expectedReturn * 100).toFixed(2)}%`) });
  });
});

/**
 * One declaration per strategy parameter (define.ts): the CLI options and --help, the Backtest form's
 * fields, the Settings entries and the spec's validation all come from it and must agree, for every
 * built-in strategy and parameter.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/backtest';
import { HelpRequested } from '../../../src/cli/args';
import { checkSettingValue, findSetting, settingDefinitions } from '../../../src/core/settings';
import { strategySettingDefinitions } from '../../../src/core/settings/registry';
import { defineStrategy, formFields, optionName, param, paramSettingKey, userParamValues, type StrategyDescriptor } from '../../../src/core/strategy/define';
import { builtInStrategies, createStrategy } from '../../../src/core/strategy/registry';
import momentumStrategy from '../../../src/core/strategy/example-momentum';
import { parseReportFile } from '../../../src/core/report/report-file';

/** The smallest report file (what "Download JSON" and `backtest --out` write) around a strategy spec. */
function reportFileWith(strategy: Record<string, unknown>): string {
  return JSON.stringify({
    format: 'quant-lens/backtest-report', version: 1, createdAt: 'x',
    config: { strategy, symbols: ['X'], benchmark: 'X', capital: 1, commission: 0, slippage: 0, borrowRate: 0 },
    metrics: {}, benchmarkMetrics: {},
    equityCurve: ['2024-01-02', '2024-01-03'].map((date) => ({ date, equity: 1, benchmark: 1, drawdownPct: 0, exposurePct: 0 })),
    trades: [], openTrades: [], monthlyReturns: [], yearlyReturns: [], benchmarkMonthlyReturns: [], benchmarkYearlyReturns: [], drawdowns: [], signals: [], positions: [],
  });
}

const everyParam = [...builtInStrategies, momentumStrategy as StrategyDescriptor].flatMap((d) => Object.entries(d.params).map(([key, p]) => ({ d, key, p })));

async function helpOf(strategy: string): Promise<string> {
  try {
    await run(['--strategy', strategy, '--help']);
  } catch (error) {
    if (error instanceof HelpRequested) return error.message;
    throw error;
  }
  throw new Error('no help');
}

describe('a strategy parameter is declared once', () => {
  it('covers the built-ins', () => {
    expect(builtInStrategies.map((d) => d.name)).toEqual(['buy-hold', 'sma-cross', 'rsi', 'logistic', 'forecast', 'fixed-weight']);
    expect(everyParam.length).toBe(2 + 3 + 4 + 13 + 2 + 3);
  });

  it.each(everyParam.map((e) => [`${e.d.name}.${e.key}`, e] as const))('%s: CLI, form, Settings and validation agree', async (_, { d, key, p }) => {
    // Validation: the declared range and type, no more, no less.
    const rejected = p.kind === 'number' ? [p.min - 1e-6, p.max + 1e-6, ...(p.integer ? [p.min + 0.5] : []), '1']
      : p.kind === 'text' ? [1, 'x'.repeat(p.maxLength + 1)] : ['nope', 1];
    for (const bad of rejected) expect(() => d.resolve({ [key]: bad }), `${key}=${bad}`).toThrow(new RegExp(`${d.name}\\.${key}`));
    expect(d.resolve({})[key]).toBe(p.default);

    // CLI: an option named after the parameter, described with its range and default in --help, checked the same way.
    const help = await helpOf(d.name === 'example-momentum' ? 'src/core/strategy/example-momentum.ts' : d.name);
    expect(help).toContain(`--${optionName(key)} `);
    if (p.kind === 'text') expect(help).toContain(`(e.g. ${p.placeholder}; default ${p.default || 'empty'})`);
    else expect(help).toContain(`(${p.kind === 'number' ? `${p.integer ? 'whole number ' : ''}${p.min}..${p.max}` : p.choices.join('|')}; default ${p.default})`);
    if (p.kind === 'number') {
      const argv = ['--csv', 'none.csv', '--strategy', d.name, `--${optionName(key)}`, String(p.max + 1), '--out', 'none.json'];
      if (d.name !== 'example-momentum') await expect(run(argv)).rejects.toThrow(new RegExp(`${d.name}\\.${key}: expected a number <= ${p.max}`));
    }

    // Form: every parameter not kept for Settings, with the declared bounds.
    const field = formFields(d).find((f) => f.key === key);
    if (!p.settingsOnly) expect(field?.param).toBe(p);
    else expect(field).toBeUndefined();

    // Settings: one entry (its own, or the shared one it names) with the same default and bounds.
    const setting = findSetting(paramSettingKey(d, key)) ?? strategySettingDefinitions([d]).find((s) => s.key === paramSettingKey(d, key));
    expect(setting, paramSettingKey(d, key)).toBeDefined();
    expect(setting!.defaultValue).toBe(p.default);
    if (p.kind === 'number' && setting!.kind === 'number') {
      expect([setting!.min, setting!.max, Boolean(setting!.integer)]).toEqual([p.min, p.max, p.integer]);
      expect(Boolean(setting!.percent)).toBe(p.unit === 'percent');
      expect(checkSettingValue(setting!, p.integer ? p.max + 1 : p.max + 1e-6)).toMatch(/between/);
    } else if (p.kind === 'choice' && setting!.kind === 'choice') {
      expect(setting!.choices).toEqual(p.choices);
    } else if (p.kind === 'text' && setting!.kind === 'text') {
      expect(setting!.maxLength).toBe(p.maxLength);
      // The Settings tab refuses what the strategy would refuse, with the same words.
      const bad = rejected.find((v) => typeof v === 'string')!;
      expect(checkSettingValue(setting!, bad)).toMatch(/at most \d+ characters/);
      if (key === 'weights') expect(checkSettingValue(setting!, 'SPX:70,AAPL:40')).toMatch(/: weights add up to 110%, more than 100%/);
    } else throw new Error(`${key}: the setting is a ${setting!.kind}`);
    expect(userParamValues(d, { [paramSettingKey(d, key)]: p.default })[key]).toBe(p.default);

    // Files: a report's strategy is read with the same checks (a user's own strategy keeps what it wrote).
    const read = (value: unknown) => parseReportFile(reportFileWith({ name: d.name, [key]: value }), 'run.json');
    expect(read(p.default).ok).toBe(true);
    for (const bad of rejected) {
      if (builtInStrategies.includes(d)) expect(read(bad), `${key}=${bad}`).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`^run\\.json:\\nreport\\.config\\.strategy\\.${key}: `)) });
      else expect(read(bad).ok).toBe(true);
    }
  });

  it('every strategy setting in the Settings tab belongs to a declared parameter', () => {
    const declared = new Set(everyParam.map(({ d, key }) => paramSettingKey(d, key)));
    for (const s of settingDefinitions.filter((s) => s.area === 'strategy')) expect(declared, s.key).toContain(s.key);
  });

  it('report files: unknown parameters and broken rules between parameters are refused by name, like a run', () => {
    const read = (strategy: Record<string, unknown>) => parseReportFile(reportFileWith(strategy), 'run.json');
    expect(read({ name: 'sma-cross', fats: 5 })).toEqual({ ok: false, message: 'run.json:\nreport.config.strategy: unknown parameter "fats" (parameters: fast, slow)' });
    expect(read({ name: 'rsi', lower: 80, upper: 20 })).toEqual({ ok: false, message: 'run.json:\nreport.config.strategy: needs lower < upper, got 80 / 20' });
    // Old names still read; the file's config is kept as written.
    const logistic = read({ name: 'logistic', threshold: 0.7 });
    expect(logistic.ok && logistic.report.config.strategy).toEqual({ name: 'logistic', threshold: 0.7 });
    expect(read({ name: 'logistic', threshold: 0.2 })).toEqual({ ok: false, message: expect.stringContaining('report.config.strategy.confidence: expected a number >= 0.5, got 0.2') });
    expect(read({ name: 7 })).toEqual({ ok: false, message: 'run.json:\nreport.config.strategy.name: expected a string, got number' });
  });

  it('a range changed in its one declaration is followed by the CLI, form, Settings and validation', () => {
    const make = (max: number) => defineStrategy({
      name: 'probe', label: 'Probe', params: { lookback: param.number({ integer: true, min: 2, max, default: 5, label: 'Lookback', help: 'Bars looked back.' }) },
      create: () => ({ name: 'probe', decide: () => [] }),
    });
    for (const max of [10, 50]) {
      const d = make(max);
      expect(() => d.resolve({ lookback: max })).not.toThrow();
      expect(() => d.resolve({ lookback: max + 1 })).toThrow(`probe.lookback: expected a number <= ${max}, got ${max + 1}`);
      expect(formFields(d)[0].param).toMatchObject({ max });
      const [setting] = strategySettingDefinitions([d]);
      expect(setting).toMatchObject({ key: 'strategy.probe.lookback', kind: 'number', max, min: 2, integer: true, label: 'Probe: Lookback' });
    }
  });

  it('risk per trade has one range everywhere, checked by the core too', () => {
    const forecast = builtInStrategies.find((d) => d.name === 'forecast')!;
    expect(findSetting('strategy.forecast.riskPerTrade')).toMatchObject({ min: 0, max: 0.5 });
    expect(formFields(forecast).find((f) => f.key === 'riskPerTrade')!.param).toMatchObject({ min: 0, max: 0.5 });
    const forecaster = { info: { id: 'x', label: 'x' }, forecast: async () => [] } as never;
    expect(() => createStrategy({ name: 'forecast', riskPerTrade: 0.8 }, { forecaster })).toThrow(/forecast\.riskPerTrade: expected a number <= 0\.5, got 0\.8/);
  });

  it("reads a renamed parameter under its old name (saved runs' logistic `threshold` is now `confidence`)", () => {
    const logistic = builtInStrategies.find((d) => d.name === 'logistic')!;
    expect(logistic.resolve({ name: 'logistic', threshold: 0.7 })).toMatchObject({ confidence: 0.7 });
    expect(() => logistic.resolve({ threshold: 0.2 })).toThrow(/logistic\.confidence: expected a number >= 0\.5, got 0\.2/);
    expect(findSetting('ml.confidence')).toMatchObject({ min: 0.5, max: 1, defaultValue: logistic.defaults.confidence });
  });

  it('rejects unknown parameters and broken rules between parameters by name', () => {
    expect(() => createStrategy({ name: 'sma-cross', fats: 5 })).toThrow(/sma-cross: unknown parameter "fats" \(parameters: fast, slow\)/);
    expect(() => createStrategy({ name: 'rsi', lower: 80, upper: 20 })).toThrow(/lower < upper/);
    expect(() => createStrategy({ name: 'macd' })).toThrow(/unknown strategy "macd"/);
  });
});

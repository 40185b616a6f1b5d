import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedFeatureNames } from '../../../src/core/features';
import { reference, repoRoot, sp500Csv } from './sp500';

const dir = mkdtempSync(join(tmpdir(), 'ql-ml-cli-'));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), join(repoRoot, 'src/cli.ts'), ...args], { encoding: 'utf8' });

describe('cli indicators', () => {
  it('writes date first, the contract columns and empty cells for warm-up NaN, matching the reference', () => {
    const out = join(dir, 'ind.csv');
    const result = cli('indicators', '--csv', sp500Csv, '--out', out);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^indicators: .* bars x \d+ columns/);
    const [header, ...lines] = readFileSync(out, 'utf8').trimEnd().split('\n');
    const names = header.split(',');
    expect(names[0]).toBe('date');
    const contract = ['ema9', 'ema30', 'ema50', 'ema200', 'macd', 'macd_signal', 'macd_hist', 'rsi14', 'volatility20', 'ha_open', 'ha_high', 'ha_low', 'ha_close', 'volume_sma20'];
    for (const name of [...contract, ...seedFeatureNames]) expect(names).toContain(name);
    expect(lines.length).toBe(reference.bars);
    const cell = (bar: number, name: string) => lines[bar].split(',')[names.indexOf(name)];
    const at = (bar: number) => reference.sample.index.indexOf(bar);
    expect(lines[15].split(',')[0]).toBe(reference.sample.date[at(15)]);
    expect(cell(15, 'volatility20')).toBe(''); // needs 20 returns
    expect(cell(15, 'volume_above_average')).toBe(''); // needs SMA20 of volume
    expect(Number(cell(25, 'volatility20'))).toBeCloseTo(reference.sample.indicators.volatility20[at(25)]!, 12);
    expect(Number(cell(25, 'rsi14'))).toBeCloseTo(reference.sample.indicators.rsi14[at(25)]!, 9);
    expect(Number(cell(25, 'volume_above_average'))).toBe(reference.sample.features.volume_above_average[at(25)]);
  });

  it('fails with a clear message and writes nothing on a bad file', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,100\n2020-01-03,1,2,0.5,abc,100\n');
    const out = join(dir, 'never.csv');
    const result = cli('indicators', '--csv', bad, '--out', out);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: .*bad\.csv/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('cli train', () => {
  it('writes buy and sell with coefficients, intercept, auc, nTrain, nTest equal to the reference', () => {
    const out = join(dir, 'model.json');
    const result = cli('train', '--csv', sp500Csv, '--out', out);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^train: .*buy AUC train 0\.\d{4} test 0\.\d{4}/);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    for (const side of ['buy', 'sell'] as const) {
      const expected = reference.models.none[side];
      expect(Object.keys(model[side].coefficients)).toEqual(seedFeatureNames);
      for (const f of seedFeatureNames) expect(model[side].coefficients[f]).toBeCloseTo(expected.coefficients[f], 6);
      expect(model[side].intercept).toBeCloseTo(expected.intercept, 6);
      expect(model[side].auc.test).toBeCloseTo(expected.auc.test, 9);
      expect(model[side].nTrain).toBe(expected.nTrain);
      expect(model[side].nTest).toBe(expected.nTest);
      expect(Object.keys(model[side].shap.meanAbs)).toEqual(seedFeatureNames);
    }
  });

  it('accepts setting overrides and composed features', () => {
    const out = join(dir, 'model2.json');
    const result = cli('train', '--csv', sp500Csv, '--out', out, '--horizon', '5', '--class-weight', 'balanced', '--feature', 'close > SMA(50)', '--feature', 'rsi(14) < 30');
    expect(result.status, result.stderr).toBe(0);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.features).toEqual(['close > SMA(50)', 'RSI(14) < 30']);
    expect(model.settings).toMatchObject({ horizon: 5, classWeight: 'balanced' });
  });

  it('rejects a bad feature or setting in one line with exit code 2', () => {
    const out = join(dir, 'never.json');
    const feature = cli('train', '--csv', sp500Csv, '--out', out, '--feature', 'close > FOO(3)');
    expect(feature.status).toBe(2);
    expect(feature.stderr).toMatch(/error: feature "close > FOO\(3\)": unknown operand "FOO\(3\)"/);
    const setting = cli('train', '--csv', sp500Csv, '--out', out, '--confidence', '1.5');
    expect(setting.status).toBe(2);
    expect(setting.stderr).toMatch(/setting\.confidence: expected a number < 1, got 1\.5/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('cli backtest --strategy logistic with an imported model', () => {
  it('refuses a model whose feature the app cannot parse, in one line with exit code 2 (no stack trace)', () => {
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const html = '<img src=x onerror=alert(1)>';
    model.features[0] = html;
    model.settings.features[0] = html;
    for (const side of ['buy', 'sell']) model[side].coefficients[html] = 0.1;
    model.featureMeans[html] = 0.5;
    const bad = join(dir, 'html-feature.json');
    writeFileSync(bad, JSON.stringify(model));
    const out = join(dir, 'never-report.json');
    const result = cli('backtest', '--csv', sp500Csv, '--strategy', 'logistic', '--model', bad, '--out', out);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: --model .*html-feature\.json: not a Quant Lens dual-logistic model: model\.features\[0\]: "<img src=x onerror=alert\(1\)>" is not a feature/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});

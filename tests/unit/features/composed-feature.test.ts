import { describe, expect, it } from 'vitest';
import {
  canonicalFeatureName,
  computeFeatures,
  evaluateComparison,
  featureText,
  parseFeature,
  seedFeatureNames,
} from '../../../src/core/features';
import { ema, sma } from '../../../src/core/indicators';

const f64 = (values: number[]) => Float64Array.from(values);

describe('composed feature text', () => {
  it('parses and prints the three example forms canonically', () => {
    expect(parseFeature('close > SMA(50)')).toEqual({ left: { name: 'close' }, op: '>', right: { name: 'SMA', period: 50 } });
    expect(parseFeature('RSI(14) < 30')).toEqual({ left: { name: 'RSI', period: 14 }, op: '<', right: 30 });
    expect(featureText(parseFeature('ema(12)   CROSSES ABOVE ema( 26 )'))).toBe('EMA(12) crosses above EMA(26)');
    expect(canonicalFeatureName('Close<bb_lower(20)')).toBe('close < BB_LOWER(20)');
    expect(canonicalFeatureName('ha_uptrend')).toBe('ha_uptrend');
  });
  it('round-trips every operand kind', () => {
    for (const text of ['MACD crosses below MACD_SIGNAL', 'volume > VOLUME_SMA(20)', 'ROC(10) > 0.05', 'ATR(14) > -1.5', 'HA_CLOSE > HA_OPEN']) {
      expect(featureText(parseFeature(text))).toBe(text);
    }
  });
  it('says what was expected for bad text', () => {
    expect(() => parseFeature('close >> 3')).toThrow(/unknown operand "> 3"/);
    expect(() => parseFeature('SMA > 3')).toThrow(/SMA needs a period, e\.g\. SMA\(14\)/);
    expect(() => parseFeature('MACD(3) > 0')).toThrow(/"MACD" takes no period/);
    expect(() => parseFeature('close')).toThrow(/expected "<operand> >\|<\|crosses above/);
    expect(() => parseFeature('price > 3')).toThrow(/unknown operand "price"/);
    expect(() => parseFeature('close > bogus(3)')).toThrow(/unknown operand "bogus\(3\)"/);
  });
});

describe('evaluateComparison', () => {
  it('gives 0/1 and NaN where an input is NaN', () => {
    expect(Array.from(evaluateComparison(f64([NaN, 1, 3]), '>', f64([0, NaN, 2])))).toEqual([NaN, NaN, 1]);
    expect(Array.from(evaluateComparison(f64([1, 2, 3]), '<', 2))).toEqual([1, 0, 0]);
  });
  it('marks a cross only on the bar where the order flips (hand-worked)', () => {
    const left = f64([1, 2, 3, 2, 2, 4]);
    const right = f64([2, 2, 2, 2, 3, 3]);
    // t=1: 2>2 false; t=2: 3>2 and 2<=2 -> cross above; t=4: 2<3 and 2>=2 -> cross below; t=5: 4>3, 2<=3 -> above
    expect(Array.from(evaluateComparison(left, 'crosses_above', right))).toEqual([NaN, 0, 1, 0, 0, 1]);
    expect(Array.from(evaluateComparison(left, 'crosses_below', right))).toEqual([NaN, 0, 0, 0, 1, 0]);
  });
});

describe('computeFeatures', () => {
  const n = 60;
  const close = Float64Array.from({ length: n }, (_, i) => 100 + 5 * Math.sin(i / 4));
  const prices = { open: close, high: close.map((c) => c + 1), low: close.map((c) => c - 1), close, volume: close.map((_, i) => 1000 + (i % 7) * 10) };

  it('evaluates composed features from the same indicators as the library functions', () => {
    const [above, cross] = computeFeatures(prices, ['close > SMA(5)', 'EMA(3) crosses above EMA(8)']);
    const s5 = sma(close, 5);
    const e3 = ema(close, 3);
    const e8 = ema(close, 8);
    for (let t = 0; t < n; t++) {
      if (t < 4) expect(above[t]).toBeNaN();
      else expect(above[t]).toBe(close[t] > s5[t] ? 1 : 0);
      if (t > 0) expect(cross[t]).toBe(e3[t] > e8[t] && e3[t - 1] <= e8[t - 1] ? 1 : 0);
    }
  });
  it('seed features have DESIGN warm-ups: volume_above_average NaN for 19 bars, momentum for 10', () => {
    const columns = computeFeatures(prices, seedFeatureNames);
    const firstValid = (c: Float64Array) => c.findIndex((v) => !Number.isNaN(v));
    expect(firstValid(columns[seedFeatureNames.indexOf('volume_above_average')])).toBe(19);
    expect(firstValid(columns[seedFeatureNames.indexOf('price_momentum_strong')])).toBe(10);
    expect(firstValid(columns[seedFeatureNames.indexOf('price_above_ema9')])).toBe(0);
  });
  it('macd_positive_hist equals macd_above_signal by definition (hist = macd - signal)', () => {
    const columns = computeFeatures(prices, ['macd_positive_hist', 'macd_above_signal']);
    expect(Array.from(columns[0])).toEqual(Array.from(columns[1]));
  });
});

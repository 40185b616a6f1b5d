import { describe, expect, it } from 'vitest';
import { countAbove, highest, probabilityHistogram, thresholdForShare } from '../../../src/core/ml/probability-distribution';

describe('probability distribution', () => {
  const p = [0.05, 0.12, 0.5, 0.51, 0.99, 1, Number.NaN, 0.1];

  it('bins values over [0, 1] (1 in the last bin) and skips NaN', () => {
    // bins of 0.1: [0, .1) has .05; [.1, .2) has .12 and .1; [.5, .6) has .5 and .51; [.9, 1] has .99 and 1
    expect([...probabilityHistogram(p, 10)]).toEqual([1, 2, 0, 0, 0, 2, 0, 0, 0, 2]);
  });

  it('counts values strictly above the threshold, as the signal rule does', () => {
    expect(countAbove(p, 0.5)).toBe(3);
    expect(countAbove(p, 1)).toBe(0);
  });

  it('finds the highest finite value', () => {
    expect(highest(p)).toBe(1);
    expect(highest([Number.NaN])).toBeNaN();
  });

  it('gives the (1 - share) quantile rounded down to 0.01, as numpy.quantile', () => {
    // numpy.quantile([.05,.1,.12,.5,.51,.99,1], 0.9) = 0.99 + 0.4 * (1 - 0.99) = 0.994 -> 0.99
    expect(thresholdForShare(p, 0.1)).toBe(0.99);
    // numpy.quantile(..., 0.5) = 0.5
    expect(thresholdForShare(p, 0.5)).toBe(0.5);
    expect(thresholdForShare([Number.NaN], 0.1)).toBeNaN();
  });
});

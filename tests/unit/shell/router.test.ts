import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../../src/ui/shell/router';

describe('hash router', () => {
  it('reads the tab and its params from the hash', () => {
    expect(parseHash('#/forecasts?symbol=SPX&h=20')).toEqual({ tab: 'forecasts', params: { symbol: 'SPX', h: '20' } });
    expect(parseHash('')).toEqual({ tab: '', params: {} });
    expect(parseHash('#/analytics?symbols=SPX%2CAAPL')).toEqual({ tab: 'analytics', params: { symbols: 'SPX,AAPL' } });
  });

  it('writes params encoded and round-trips', () => {
    const route = { tab: 'overview', params: { model: 'baseline:drift', note: 'a&b=c' } };
    const hash = formatHash(route);
    expect(hash).toBe('#/overview?model=baseline%3Adrift&note=a%26b%3Dc');
    expect(parseHash(hash)).toEqual(route);
    expect(formatHash({ tab: 'data', params: {} })).toBe('#/data');
  });
});

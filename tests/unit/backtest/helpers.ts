import { barsToSeries, type PriceSeries } from '../../../src/core/data/types';
import type { Decision, DecisionContext, Strategy } from '../../../src/core/strategy/types';

/** A series from [open, high, low, close] rows on consecutive calendar days from `start`. */
export function seriesFrom(symbol: string, rows: [number, number, number, number][], start = '2024-01-01', dates?: string[]): PriceSeries {
  const t0 = Date.parse(start);
  return barsToSeries(symbol, rows.map(([open, high, low, close], i) => ({
    date: dates ? dates[i] : new Date(t0 + i * 86_400_000).toISOString().slice(0, 10),
    open, high, low, close, volume: 1000,
  })));
}

/** A strategy that replays a fixed script: decisions keyed by decision date. */
export function scripted(script: Record<string, Omit<Decision, 'reason'>[]>): Strategy {
  return {
    name: 'scripted',
    decide(ctx: DecisionContext): Decision[] {
      return (script[ctx.date] ?? []).map((d) => ({ ...d, reason: `script ${ctx.date}` }));
    },
  };
}

/** Weekdays from `start`, as ISO dates. */
export function weekdays(n: number, start = '2000-01-03'): string[] {
  const dates: string[] = [];
  let day = Date.parse(start);
  while (dates.length < n) {
    const wd = new Date(day).getUTCDay();
    if (wd !== 0 && wd !== 6) dates.push(new Date(day).toISOString().slice(0, 10));
    day += 86_400_000;
  }
  return dates;
}

/** Deterministic random walk (xorshift) with plausible OHLC on weekdays, for size and property tests. */
export function randomWalk(symbol: string, n: number, seed: number, start = '2000-01-03', dates = weekdays(n, start)): PriceSeries {
  let state = seed >>> 0 || 1;
  const rand = () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 2 ** 32;
  };
  const rows: [number, number, number, number][] = [];
  let close = 100;
  for (let i = 0; i < n; i++) {
    const open = close * (1 + (rand() - 0.5) * 0.01);
    close = open * (1 + (rand() - 0.5) * 0.04);
    const high = Math.max(open, close) * (1 + rand() * 0.01);
    const low = Math.min(open, close) * (1 - rand() * 0.01);
    rows.push([open, high, low, close]);
  }
  return seriesFrom(symbol, rows, start, dates);
}

import type { PriceSeries } from '../data/types';
import { sma } from '../indicators';
import { defineStrategy, param, type ParamValues } from './define';
import type { Decision, DecisionContext, Strategy } from './types';

const params = {
  fast: param.number({ integer: true, min: 1, max: 1000, default: 10, unit: 'days', label: 'Fast SMA', help: 'Days in the fast moving average; a cross above the slow one opens a long position.' }),
  slow: param.number({ integer: true, min: 2, max: 1000, default: 30, unit: 'days', label: 'Slow SMA', help: 'Days in the slow moving average.' }),
};
export type SmaCrossSettings = ParamValues<typeof params>;

/**
 * SMA crossover on closes. A cross is a change of the sign of fast - slow since the previous decision
 * (equal values keep the previous sign, like a crossover that needs fast to strictly pass slow):
 * cross up -> long with all of the symbol's equity share (1/N; N = 1 means all-in); cross down -> flat,
 * or short with the same share when shorting is allowed (a reversal). No trade before the first cross.
 */
export const smaCrossStrategy = defineStrategy({
  name: 'sma-cross',
  label: 'SMA crossover',
  settingsKey: 'smaCross',
  params,
  check: ({ fast, slow }) => (fast < slow ? undefined : `needs fast < slow, got fast=${fast} slow=${slow}`),
  summary: ({ fast, slow }) => `SMA ${fast}/${slow}`,
  create: smaCrossRule,
});

/** The SMA crossover with checked settings (defaults for those left out). */
export function smaCross(settings: Partial<SmaCrossSettings> = {}): Strategy {
  return smaCrossStrategy.create(settings);
}

function smaCrossRule({ fast, slow }: SmaCrossSettings): Strategy {
  let fastLines: Float64Array[] = [];
  let slowLines: Float64Array[] = [];
  let regime = new Int8Array(0);
  const upReason = `SMA${fast} crossed above SMA${slow}`;
  const downReason = `SMA${fast} crossed below SMA${slow}`;
  return {
    name: 'sma-cross',
    prepare(universe: readonly PriceSeries[]) {
      // SMAs are causal (bar i uses bars <= i), so computing them once over the whole history is walk-forward safe.
      fastLines = universe.map((s) => sma(s.close, fast));
      slowLines = universe.map((s) => sma(s.close, slow));
      regime = new Int8Array(universe.length);
    },
    decide(ctx: DecisionContext): Decision[] {
      const out: Decision[] = [];
      const share = 1 / ctx.universeSize;
      for (const st of ctx.symbols) {
        if (!st.hasBar) continue;
        const diff = fastLines[st.slot][st.last] - slowLines[st.slot][st.last];
        if (!(diff !== 0) || Number.isNaN(diff)) continue;
        const now = diff > 0 ? 1 : -1;
        const before = regime[st.slot];
        regime[st.slot] = now;
        if (before === 0 || before === now) continue;
        if (now > 0) {
          out.push({ symbol: st.symbol, signal: 'buy', targetWeight: share, reason: upReason });
        } else {
          out.push({
            symbol: st.symbol, signal: 'sell', targetWeight: ctx.allowShort ? -share : 0,
            reason: ctx.allowShort ? `${downReason} (reverse to short)` : downReason,
          });
        }
      }
      return out;
    },
  };
}

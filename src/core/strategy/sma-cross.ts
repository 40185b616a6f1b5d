import type { PriceSeries } from '../data/types';
import { sma } from '../indicators';
import type { Decision, DecisionContext, Strategy } from './types';

export interface SmaCrossSettings {
  fast: number;
  slow: number;
}

export const smaCrossDefaults: SmaCrossSettings = { fast: 10, slow: 30 };

/**
 * SMA crossover on closes. A cross is a change of the sign of fast - slow since the previous decision
 * (equal values keep the previous sign, like a crossover that needs fast to strictly pass slow):
 * cross up -> long with all of the symbol's equity share (1/N; N = 1 means all-in); cross down -> flat,
 * or short with the same share when shorting is allowed (a reversal). No trade before the first cross.
 */
export function smaCross(settings: Partial<SmaCrossSettings> = {}): Strategy {
  const { fast, slow } = { ...smaCrossDefaults, ...settings };
  if (!(Number.isInteger(fast) && Number.isInteger(slow) && fast >= 1 && slow > fast)) {
    throw new RangeError(`sma-cross needs whole periods with 1 <= fast < slow, got fast=${fast} slow=${slow}`);
  }
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

import { defineStrategy } from './define';
import type { Decision, DecisionContext, Strategy } from './types';

export const buyHoldStrategy = defineStrategy({ name: 'buy-hold', label: 'Buy and hold', params: {}, summary: () => 'Buy and hold', create: buyHold });

/**
 * Buy and hold: each symbol gets an equal share (1/N of equity) on its first decision date with a
 * bar, then is never traded again. Late starters are bought when their data starts.
 */
export function buyHold(): Strategy {
  const bought = new Set<string>();
  return {
    name: 'buy-hold',
    decide(ctx: DecisionContext): Decision[] {
      const out: Decision[] = [];
      for (const st of ctx.symbols) {
        if (!st.hasBar || bought.has(st.symbol)) continue;
        bought.add(st.symbol);
        out.push({ symbol: st.symbol, signal: 'buy', targetWeight: 1 / ctx.universeSize, reason: 'buy and hold' });
      }
      return out;
    },
  };
}

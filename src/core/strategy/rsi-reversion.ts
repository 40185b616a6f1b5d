import type { PriceSeries } from '../data/types';
import { rsi } from '../indicators';
import { defineStrategy, param, type ParamValues } from './define';
import type { Decision, DecisionContext, Strategy } from './types';

const params = {
  period: param.number({ integer: true, min: 2, max: 1000, default: 14, unit: 'days', label: 'RSI period', help: "Days in Wilder's RSI." }),
  lower: param.number({ min: 0, max: 100, default: 30, step: 1, label: 'Buy below', help: 'RSI level under which the market counts as oversold (buy).' }),
  upper: param.number({ min: 0, max: 100, default: 70, step: 1, label: 'Sell above', help: 'RSI level over which the market counts as overbought (sell).' }),
};
export type RsiSettings = ParamValues<typeof params>;

/**
 * RSI mean reversion (Wilder RSI, DESIGN.md): buy (1/N of equity) when RSI closes below `lower`
 * while not long; close the long when RSI closes above `upper`. With shorting allowed the mirror
 * image also trades: short above `upper`, cover (and go long) below `lower`.
 */
export const rsiStrategy = defineStrategy({
  name: 'rsi',
  label: 'RSI mean reversion',
  params,
  check: ({ lower, upper }) => (lower < upper ? undefined : `needs lower < upper, got ${lower} / ${upper}`),
  summary: ({ period, lower, upper }) => `RSI ${period} (${lower}/${upper})`,
  create: rsiRule,
});

/** RSI mean reversion with checked settings (defaults for those left out). */
export function rsiReversion(settings: Partial<RsiSettings> = {}): Strategy {
  return rsiStrategy.create(settings);
}

function rsiRule({ period, lower, upper }: RsiSettings): Strategy {
  let lines: Float64Array[] = [];
  return {
    name: 'rsi',
    prepare(universe: readonly PriceSeries[]) {
      lines = universe.map((s) => rsi(s.close, period));
    },
    decide(ctx: DecisionContext): Decision[] {
      const out: Decision[] = [];
      const share = 1 / ctx.universeSize;
      for (const st of ctx.symbols) {
        if (!st.hasBar) continue;
        const value = lines[st.slot][st.last];
        if (Number.isNaN(value)) continue;
        const held = ctx.position(st.symbol).quantity;
        const label = `RSI${period} ${value.toFixed(1)}`;
        if (value < lower && held <= 0) {
          out.push({ symbol: st.symbol, signal: 'buy', targetWeight: share, reason: `${label} < ${lower}` });
        } else if (value > upper && (held > 0 || (ctx.allowShort && held === 0))) {
          out.push({ symbol: st.symbol, signal: 'sell', targetWeight: ctx.allowShort ? -share : 0, reason: `${label} > ${upper}` });
        }
      }
      return out;
    },
  };
}

import type { PriceSeries } from '../data/types';
import { rsi } from '../indicators';
import type { Decision, DecisionContext, Strategy } from './types';

export interface RsiSettings {
  period: number;
  lower: number;
  upper: number;
}

export const rsiDefaults: RsiSettings = { period: 14, lower: 30, upper: 70 };

/**
 * RSI mean reversion (Wilder RSI, DESIGN.md): buy (1/N of equity) when RSI closes below `lower`
 * while not long; close the long when RSI closes above `upper`. With shorting allowed the mirror
 * image also trades: short above `upper`, cover (and go long) below `lower`.
 */
export function rsiReversion(settings: Partial<RsiSettings> = {}): Strategy {
  const { period, lower, upper } = { ...rsiDefaults, ...settings };
  if (!(Number.isInteger(period) && period >= 2)) throw new RangeError(`rsi needs a whole period >= 2, got ${period}`);
  if (!(lower >= 0 && upper <= 100 && lower < upper)) throw new RangeError(`rsi needs 0 <= lower < upper <= 100, got ${lower} / ${upper}`);
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

/**
 * Example of a user-written strategy (docs/custom-strategy.md): cross-sectional momentum.
 * On each decision date, hold the `top` symbols with the best return over the last `lookback` bars,
 * in equal weights, and sell the others. It reads prices only through `context.history`, which
 * exposes bars up to the decision date, so it needs no `prepare` and cannot look ahead.
 */
import { defineStrategy, param, type ParamValues } from './define';
import type { Decision, DecisionContext, Strategy } from './types';

const params = {
  lookback: param.number({ integer: true, min: 1, max: 1000, default: 60, unit: 'bars', label: 'Lookback (bars)', help: 'Momentum is the return over this many bars.' }),
  top: param.number({ integer: true, min: 1, max: 100, default: 2, label: 'Symbols held', help: 'How many of the best symbols are held, in equal weights.' }),
};
export type MomentumSettings = ParamValues<typeof params>;

/** Run it from the CLI with `backtest --strategy src/core/strategy/example-momentum.ts --lookback 20 --top 1`. */
const momentumStrategy = defineStrategy({
  name: 'example-momentum',
  label: 'Momentum (example)',
  params,
  summary: ({ lookback, top }) => `Momentum ${lookback} top ${top}`,
  create: momentumRule,
});
export default momentumStrategy;

/** Momentum with checked settings (defaults for those left out). */
export function momentum(settings: Partial<MomentumSettings> = {}): Strategy {
  return momentumStrategy.create(settings);
}

function momentumRule({ lookback, top }: MomentumSettings): Strategy {
  return {
    name: 'example-momentum',
    decide(ctx: DecisionContext): Decision[] {
      const scored = ctx.symbols
        .filter((st) => st.hasBar && st.last >= lookback)
        .map((st) => {
          const close = ctx.history(st.symbol).close;
          const now = close[close.length - 1];
          return { symbol: st.symbol, score: now / close[close.length - 1 - lookback] - 1 };
        })
        .filter((s) => Number.isFinite(s.score))
        .sort((a, b) => b.score - a.score);
      const winners = new Set(scored.slice(0, top).filter((s) => s.score > 0).map((s) => s.symbol));
      const decisions: Decision[] = [];
      for (const { symbol, score } of scored) {
        const held = ctx.position(symbol).quantity > 0;
        const reason = `${lookback}-bar return ${(score * 100).toFixed(1)}%`;
        if (winners.has(symbol) && !held) decisions.push({ symbol, signal: 'buy', targetWeight: 1 / top, reason: `top ${top}: ${reason}` });
        if (!winners.has(symbol) && held) decisions.push({ symbol, signal: 'sell', targetWeight: 0, reason: `left the top ${top}: ${reason}` });
      }
      return decisions;
    },
  };
}

import type { PriceSeries } from '../data/types';
import { defineStrategy, param, type ParamValues } from './define';
import type { Decision, DecisionContext, Strategy } from './types';

export type RebalanceRule = 'monthly' | 'quarterly' | 'yearly' | 'never' | 'drift';

const params = {
  weights: param.text({
    default: '', maxLength: 2000, placeholder: 'SPX:60,AAPL:40', label: 'Weights (%)',
    help: 'Target weight of each symbol as SYMBOL:PERCENT, comma separated; the rest stays in cash. Empty: equal weights.',
    check: (text) => parseWeights(text).problem,
  }),
  rebalanceRule: param.choice(['monthly', 'quarterly', 'yearly', 'never', 'drift'] as const, {
    default: 'quarterly', label: 'Rebalance rule',
    help: "When the portfolio is traded back to its weights: at the first decision of each new month / quarter / year, 'never' (buy and hold the initial mix), or 'drift' (when a weight leaves the drift band).",
  }),
  driftBand: param.number({
    min: 0.1, max: 100, default: 5, label: 'Drift band (pp)',
    help: "For the 'drift' rule: rebalance when any symbol's weight is more than this many percentage points from its target.",
  }),
};
export type FixedWeightSettings = ParamValues<typeof params>;

/**
 * A fixed-weight portfolio, as Portfolio Visualizer backtests one: each symbol is held at its target
 * share of equity and traded back to it by the rebalance rule. The engine's `--rebalance` rhythm is when
 * the strategy looks (a drift is noticed at those closes); the rule is when it trades. Orders fill at the
 * next open like every strategy's (engine.ts), with its commission, slippage and whole-shares rules.
 */
export const fixedWeightStrategy = defineStrategy({
  name: 'fixed-weight',
  label: 'Fixed-weight portfolio',
  settingsKey: 'fixedWeight',
  params,
  summary: ({ weights, rebalanceRule, driftBand }) =>
    `Fixed weights ${weights || 'equal'}, ${rebalanceRule === 'drift' ? `drift band ${driftBand} pp` : `rebalanced ${rebalanceRule}`}`,
  create: fixedWeightRule,
});

/** The fixed-weight portfolio with checked settings (defaults for those left out). */
export function fixedWeight(settings: Partial<FixedWeightSettings> = {}): Strategy {
  return fixedWeightStrategy.create(settings);
}

/**
 * `SPX:60, AAPL:40` -> SPX 0.6, AAPL 0.4 (fractions of equity). `problem` says what is wrong: an entry
 * that is not SYMBOL:PERCENT, a negative or repeated weight, or weights summing to more than 100%.
 */
export function parseWeights(text: string): { weights: Map<string, number>; problem?: string } {
  const weights = new Map<string, number>();
  const entries = text.split(',').map((e) => e.trim()).filter((e) => e !== '');
  let total = 0;
  for (const entry of entries) {
    const match = /^([^\s:]+)\s*:\s*(\S+)$/.exec(entry);
    const percent = match ? Number(match[2].replace(/%$/, '')) : NaN;
    if (!match || !Number.isFinite(percent)) return { weights, problem: `weight "${entry}" is not SYMBOL:PERCENT (e.g. SPX:60,AAPL:40)` };
    const symbol = match[1];
    if (percent < 0) return { weights, problem: `weight of ${symbol} is negative (${percent}%): weights are 0..100% of equity` };
    if (weights.has(symbol)) return { weights, problem: `${symbol} is given twice` };
    weights.set(symbol, percent / 100);
    total += percent;
  }
  if (total > 100 + 1e-9) return { weights, problem: `weights add up to ${+total.toFixed(6)}%, more than 100% (the rest of 100% stays in cash)` };
  return { weights };
}

/** The calendar period a date falls in for a periodic rule (YYYY-MM, YYYY-Qn, YYYY). */
function periodOf(date: string, rule: RebalanceRule): string {
  if (rule === 'monthly') return date.slice(0, 7);
  if (rule === 'quarterly') return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
  return date.slice(0, 4);
}

function fixedWeightRule({ weights, rebalanceRule, driftBand }: FixedWeightSettings): Strategy {
  const given = parseWeights(weights).weights;
  let targets = new Map<string, number>();
  // Symbols bought to their target so far (late starters are bought when their data starts).
  const placed = new Set<string>();
  // The period of the last rebalance (or of the first purchase); undefined until something is bought.
  let lastPeriod: string | undefined;
  const band = driftBand / 100;
  return {
    name: 'fixed-weight',
    prepare(universe: readonly PriceSeries[]) {
      const symbols = universe.map((s) => s.symbol);
      const unknown = [...given.keys()].filter((s) => !symbols.includes(s));
      if (unknown.length > 0) {
        throw new RangeError(`fixed-weight: weights name ${unknown.join(', ')}, not in this backtest (symbols: ${symbols.join(', ')})`);
      }
      targets = given.size > 0 ? given : new Map(symbols.map((s) => [s, 1 / symbols.length]));
    },
    decide(ctx: DecisionContext): Decision[] {
      const held = ctx.symbols.filter((st) => targets.has(st.symbol));
      // Drift is measured on the symbols priced today: a stale mark (a holiday, data that has ended) cannot be traded
      // back to target at the next open, and would otherwise ask for a rebalance on every date.
      const rebalance = lastPeriod !== undefined && (rebalanceRule === 'drift'
        ? held.some((st) => st.hasBar && Math.abs(ctx.position(st.symbol).weight - targets.get(st.symbol)!) > band)
        : rebalanceRule !== 'never' && periodOf(ctx.date, rebalanceRule) !== lastPeriod);
      const out: Decision[] = [];
      for (const st of held) {
        const first = !placed.has(st.symbol);
        if (!(rebalance || (first && st.hasBar))) continue;
        placed.add(st.symbol);
        const target = targets.get(st.symbol)!;
        const now = ctx.position(st.symbol).weight;
        const reason = first ? `initial weight ${pct(target)}` : `rebalance ${pct(now)} -> ${pct(target)} (${rebalanceRule})`;
        out.push({ symbol: st.symbol, signal: target > now ? 'buy' : target < now ? 'sell' : 'hold', targetWeight: target, reason });
      }
      if (out.length > 0 && (rebalance || lastPeriod === undefined)) lastPeriod = periodOf(ctx.date, rebalanceRule);
      return out;
    },
  };
}

const pct = (w: number) => `${+(w * 100).toFixed(2)}%`;

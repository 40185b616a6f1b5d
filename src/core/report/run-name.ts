/**
 * The default name of a backtest run: the strategy and its key settings in words, then the symbols
 * ("SMA 10/30, GOOG"; "RSI 14 (30/70), AAPL, MSFT"). Runs are keyed by id, so two runs may share a name.
 */
import { findStrategy, type StrategySpec } from '../strategy/registry';

/** A built-in strategy's own summary; a user strategy (or an unreadable spec) by its name. */
function strategyWords(spec: StrategySpec): string {
  const descriptor = findStrategy(spec.name);
  try {
    return descriptor?.summary?.(descriptor.resolve(spec)) ?? descriptor?.label ?? spec.name;
  } catch {
    return spec.name;
  }
}

/** At most three symbols are listed ("SPX, AAPL, MSFT +2"). */
export function defaultRunName(spec: StrategySpec, symbols: readonly string[]): string {
  const listed = symbols.slice(0, 3).join(', ');
  const more = symbols.length > 3 ? ` +${symbols.length - 3}` : '';
  return `${strategyWords(spec)}${listed ? `, ${listed}${more}` : ''}`;
}

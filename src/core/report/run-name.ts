/**
 * The default name of a backtest run: the strategy and its key settings in words, then the symbols
 * ("SMA 10/30, GOOG"; "RSI 14 (30/70), AAPL, MSFT"). Runs are keyed by id, so two runs may share a name.
 */
import type { StrategySpec } from '../strategy/registry';
import { smaCrossDefaults } from '../strategy/sma-cross';
import { rsiDefaults } from '../strategy/rsi-reversion';
import { dualLogisticDefaults } from '../strategy/dual-logistic';
import { forecastStrategyDefaults } from '../strategy/forecast';

function strategyWords(spec: StrategySpec): string {
  switch (spec.name) {
    case 'buy-hold':
      return 'Buy and hold';
    case 'sma-cross': {
      const { fast, slow } = { ...smaCrossDefaults, ...spec };
      return `SMA ${fast}/${slow}`;
    }
    case 'rsi': {
      const { period, lower, upper } = { ...rsiDefaults, ...spec };
      return `RSI ${period} (${lower}/${upper})`;
    }
    case 'logistic':
      return `Logistic ${({ ...dualLogisticDefaults, ...spec }).threshold}`;
    case 'forecast':
      return `Forecast ${({ ...forecastStrategyDefaults, ...spec }).horizon}d`;
    default:
      return (spec as { name: string }).name;
  }
}

/** At most three symbols are listed ("SPX, AAPL, MSFT +2"). */
export function defaultRunName(spec: StrategySpec, symbols: readonly string[]): string {
  const listed = symbols.slice(0, 3).join(', ');
  const more = symbols.length > 3 ? ` +${symbols.length - 3}` : '';
  return `${strategyWords(spec)}${listed ? `, ${listed}${more}` : ''}`;
}

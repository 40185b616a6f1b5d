/**
 * Backtest settings with the names of the CLI contract (DESIGN.md "Backtest options"); the UI's
 * saved configurations use the same keys.
 */
import { boolean, formatIssues, isoDate, number, object, oneOf, optional, string, validate } from '../validate';

export type Rebalance = 'daily' | 'weekly' | 'monthly';

export interface BacktestConfig {
  /** Initial capital in currency. */
  capital: number;
  /** Commission rate on the traded value of every fill (0.001 = 0.1%). */
  commission: number;
  /** Slippage rate against the trader on every fill (0.0005 = 0.05%). */
  slippage: number;
  /** How often the strategy is asked for decisions. */
  rebalance: Rebalance;
  /** Round share counts down to whole shares. */
  wholeShares: boolean;
  /** Allow negative target weights (short positions). */
  allowShort: boolean;
  /**
   * Annual fee for borrowing shares sold short, as a fraction of their value (0.02 = 2% a year).
   * Accrues on each short position's previous-close value over the calendar days between trading
   * dates (actual/365), so weekends and holidays cost what a broker would charge for them.
   */
  borrowRate: number;
  /** First and last trading date (inclusive); earlier bars remain visible as warm-up history. */
  from?: string;
  to?: string;
  /** Symbol whose buy-and-hold is the benchmark (defaults to the first symbol). */
  benchmark?: string;
}

export const defaultBacktestConfig: BacktestConfig = {
  capital: 100_000,
  commission: 0.001,
  slippage: 0.0005,
  rebalance: 'daily',
  wholeShares: false,
  allowShort: false,
  borrowRate: 0,
};

/** The checks of every option (validate/ builders, as every other user input). */
const configSchema = object({
  capital: number({ above: 0 }),
  commission: number({ min: 0, below: 1 }),
  slippage: number({ min: 0, below: 1 }),
  rebalance: oneOf(['daily', 'weekly', 'monthly']),
  wholeShares: boolean(),
  allowShort: boolean(),
  borrowRate: number({ min: 0, max: 5 }),
  from: optional(isoDate()),
  to: optional(isoDate()),
  benchmark: optional(string({ minLength: 1, maxLength: 200 })),
});

/** Fills in defaults and rejects impossible values with a message naming the setting (`backtest.commission: ...`). */
export function resolveConfig(partial: Partial<BacktestConfig>): BacktestConfig {
  const merged: Record<string, unknown> = { ...defaultBacktestConfig };
  for (const [key, value] of Object.entries(partial)) if (value !== undefined) merged[key] = value;
  const checked = validate(configSchema, merged, { root: 'backtest' });
  if (!checked.ok) throw new RangeError(formatIssues(checked.errors));
  const config: BacktestConfig = checked.value;
  if (config.from && config.to && config.from > config.to) throw new RangeError(`from (${config.from}) is after to (${config.to})`);
  return config;
}

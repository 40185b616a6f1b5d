/**
 * Backtest settings with the names of the CLI contract (DESIGN.md "Backtest options"); the UI's
 * saved configurations use the same keys.
 */
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

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Fills in defaults and rejects impossible values with a message naming the setting. */
export function resolveConfig(partial: Partial<BacktestConfig>): BacktestConfig {
  const config: BacktestConfig = { ...defaultBacktestConfig };
  for (const [key, value] of Object.entries(partial)) if (value !== undefined) (config as unknown as Record<string, unknown>)[key] = value;
  if (!(config.capital > 0) || !Number.isFinite(config.capital)) throw new RangeError(`capital must be a positive number, got ${config.capital}`);
  for (const key of ['commission', 'slippage'] as const) {
    const v = config[key];
    if (!(v >= 0 && v < 1)) throw new RangeError(`${key} must be a rate in [0, 1), got ${v}`);
  }
  if (!(config.borrowRate >= 0 && config.borrowRate <= 5)) throw new RangeError(`borrowRate must be an annual rate in [0, 5], got ${config.borrowRate}`);
  if (!['daily', 'weekly', 'monthly'].includes(config.rebalance)) {
    throw new RangeError(`rebalance must be daily, weekly or monthly, got "${config.rebalance}"`);
  }
  for (const key of ['from', 'to'] as const) {
    const v = config[key];
    if (v !== undefined && !DATE.test(v)) throw new RangeError(`${key} must be a date YYYY-MM-DD, got "${v}"`);
  }
  if (config.from && config.to && config.from > config.to) throw new RangeError(`from (${config.from}) is after to (${config.to})`);
  return config;
}

/**
 * The portfolio's as-of date: the one date that today's signals and manual trades act on. It is the
 * latest date of the portfolio's data: the symbols whose bars reach it share it and trade on it;
 * symbols whose data ends earlier are "behind" and do not trade until refreshed (trading AAPL on its
 * 2010 bar next to SPX on its 2020 bar would book a journal that runs backwards in time).
 */
import { tradingDays } from '../data/calendar';
import { dayNumber, isoFromDayNumber } from '../data/dates';

/** The last stored bar of one symbol. */
export interface SymbolEnd {
  symbol: string;
  lastDate: string;
}

export interface AsOf {
  /** The date trades and signals use; undefined when no symbol has data. */
  date?: string;
  /** Symbols with a bar on the as-of date (they trade), sorted. */
  current: string[];
  /** Symbols whose data ends before the as-of date (they do not trade), oldest first. */
  behind: SymbolEnd[];
  /** NYSE trading days after the as-of date, up to and including today. */
  tradingDaysOld: number;
  /** True when the as-of date is more than {@link STALE_AFTER_TRADING_DAYS} trading days before today. */
  stale: boolean;
  /** The journal's last entry when it is later than the as-of date (nothing can trade until the data catches up). */
  journalAhead?: string;
}

export const STALE_AFTER_TRADING_DAYS = 5;

/** NYSE trading days after `date` up to and including `today` (0 when `date` is today or later). */
export function tradingDaysSince(date: string, today: string): number {
  if (date >= today) return 0;
  return tradingDays(isoFromDayNumber(dayNumber(date) + 1), today).length;
}

/** `today` is the user's calendar date (YYYY-MM-DD); `journalEnd` the date of the journal's last entry. */
export function portfolioAsOf(symbols: readonly SymbolEnd[], today: string, journalEnd?: string): AsOf {
  const date = symbols.reduce<string | undefined>((latest, s) => (latest === undefined || s.lastDate > latest ? s.lastDate : latest), undefined);
  if (date === undefined) return { current: [], behind: [], tradingDaysOld: 0, stale: false };
  const current = symbols.filter((s) => s.lastDate === date).map((s) => s.symbol).sort();
  const behind = symbols
    .filter((s) => s.lastDate < date)
    .map(({ symbol, lastDate }) => ({ symbol, lastDate }))
    .sort((a, b) => a.lastDate.localeCompare(b.lastDate) || a.symbol.localeCompare(b.symbol));
  const tradingDaysOld = tradingDaysSince(date, today);
  return {
    date,
    current,
    behind,
    tradingDaysOld,
    stale: tradingDaysOld > STALE_AFTER_TRADING_DAYS,
    journalAhead: journalEnd !== undefined && journalEnd > date ? journalEnd : undefined,
  };
}

/** Why `symbol` cannot trade at the portfolio's as-of date, or undefined when it can. */
export function tradeBlocker(asOf: AsOf, symbol: string, lastDate: string | undefined): string | undefined {
  if (lastDate === undefined) return `${symbol}: no stored prices (load it in the Data tab first)`;
  if (asOf.date === undefined) return 'No stored prices: load data in the Data tab first';
  if (asOf.journalAhead) {
    return `The journal already has entries dated ${asOf.journalAhead}, after the as-of date ${asOf.date}: refresh the prices before trading (the journal never goes back in time)`;
  }
  if (lastDate < asOf.date) return `${symbol}: its prices end ${lastDate}, before the portfolio's as-of date ${asOf.date}; refresh ${symbol} in the Data tab to trade it`;
  if (lastDate > asOf.date) return `${symbol}: its prices end ${lastDate}, after the portfolio's as-of date ${asOf.date}; add ${symbol} to the watchlist to trade it`;
  return undefined;
}

/** The user's calendar date as YYYY-MM-DD (local time: "today" is the user's day, not UTC's). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

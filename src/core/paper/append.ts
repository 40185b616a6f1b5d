/**
 * The rules for adding trades to a journal, checked by the store inside the transaction that writes
 * them: the journal never goes back in time, and the whole journal must still replay.
 */
import { compareTrades, replayTrades, TradeRejectedError } from './ledger';
import type { PaperTrade } from './types';

/** The bar date of the journal's last entry (undefined for an empty journal). */
export function lastJournalDate(trades: readonly PaperTrade[]): string | undefined {
  let last: string | undefined;
  for (const t of trades) if (last === undefined || t.date > last) last = t.date;
  return last;
}

/** Throws TradeRejectedError when `added` dates before the journal's end or makes the journal impossible. */
export function checkAppend(startingCapital: number, existing: readonly PaperTrade[], added: readonly PaperTrade[]): void {
  const last = lastJournalDate(existing);
  const early = last === undefined ? undefined : added.find((t) => t.date < last);
  if (early) {
    throw new TradeRejectedError(`${early.symbol}: a trade dated ${early.date} cannot go before the last journal entry (${last}): the journal never goes back in time`);
  }
  replayTrades(startingCapital, [...existing, ...added].sort(compareTrades));
}

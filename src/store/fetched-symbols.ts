/**
 * Writing bars that came from a data provider (or this site's feed): each symbol in ONE readwrite
 * transaction that reads what is stored, decides, and writes, so a failed or refused write changes nothing
 * and two tabs refreshing at once cannot interleave a check with another tab's write.
 *
 * Plans:
 * - `fetch`   (Get prices): merged into the stored symbol when it came from the same provider and ticker,
 *             else the stored symbol (a file, the demo...) is replaced as a whole: mixing sources would mix
 *             adjustments and frequencies.
 * - `refresh` (incremental): the overlap with the stored bars is checked first (`checkOverlap`); when the
 *             provider re-adjusted its history, nothing is written and `readjusted` comes back, so the caller
 *             can fetch the whole history and `replace`.
 * - `replace`: the fetched bars become the whole symbol.
 */
import { mergeBars } from '../core/data/merge';
import { summariseQuality } from '../core/data/quality';
import { checkOverlap, type OverlapCheck } from '../core/data/refresh-overlap';
import { tradingDaysBehind } from '../core/data/staleness';
import type { Bar } from '../core/data/types';
import type { FetchSource, QuantDb, SymbolInfo } from './db';
import { writeSymbols, type DecideWrite } from './symbol-write';

export type FetchedWritePlan = 'fetch' | 'refresh' | 'replace';

export interface FetchedItem {
  symbol: string;
  name?: string;
  /** Shown in the symbol list's source, e.g. "Yahoo Finance" or "site feed". */
  sourceLabel: string;
  fetchSource: FetchSource;
  bars: readonly Bar[];
}

export type FetchedWrite =
  | {
      status: 'written';
      /** Bars on dates that were not stored before. */
      added: number;
      /** Bars that replaced a stored bar of the same date (the overlap of a refresh). */
      replaced: number;
      barCount: number;
      firstDate: string;
      lastDate: string;
      /** Set when a stored symbol from another source was replaced as a whole. */
      replacedSource?: { source: string; barCount: number };
    }
  | { status: 'readjusted'; check: Extract<OverlapCheck, { agrees: false }> };

/** Writes one fetched symbol according to `plan` (see the file comment); one transaction. */
export async function writeFetchedSymbol(db: QuantDb, item: FetchedItem, plan: FetchedWritePlan): Promise<FetchedWrite> {
  if (item.bars.length === 0) throw new Error(`${item.symbol}: nothing to store (no bars)`);
  const [result] = await writeSymbols(db, [item], decideFetched(plan));
  return result;
}

const decideFetched = (plan: FetchedWritePlan): DecideWrite<FetchedItem, FetchedWrite> => (item, stored, info) => {
  if (plan === 'refresh') {
    const check = checkOverlap(stored, item.bars);
    if (!check.agrees) return { result: { status: 'readjusted', check } };
  }
  const sameSource = info?.fetchSource?.provider === item.fetchSource.provider && info.fetchSource.ticker === item.fetchSource.ticker;
  const replaceAll = plan === 'replace' || (plan === 'fetch' && info !== undefined && !sameSource);
  let history: readonly Bar[];
  let toWrite: readonly Bar[];
  let added: number;
  let replaced: number;
  if (replaceAll) {
    history = toWrite = item.bars;
    const storedDates = new Set(stored.map((b) => b.date));
    replaced = item.bars.reduce((n, b) => n + (storedDates.has(b.date) ? 1 : 0), 0);
    added = item.bars.length - replaced;
  } else {
    ({ merged: history, toWrite, added, replaced } = mergeBars(item.symbol, stored, item.bars, 'replace'));
  }
  return {
    result: {
      status: 'written',
      added,
      replaced,
      barCount: history.length,
      firstDate: history[0].date,
      lastDate: history[history.length - 1].date,
      ...(replaceAll && info && !sameSource ? { replacedSource: { source: info.source, barCount: info.barCount } } : {}),
    },
    write: {
      history,
      toWrite,
      clearFirst: replaceAll,
      row: { name: item.name ?? info?.name, source: item.sourceLabel, quality: summariseQuality(history), importedAt: item.fetchSource.fetchedAt, fetchSource: item.fetchSource },
    },
  };
};

/** Records that the provider was asked at `at` and had nothing new (one read-modify-write transaction). */
export async function markSymbolChecked(db: QuantDb, symbol: string, at: string): Promise<void> {
  const tx = db.transaction('symbols', 'readwrite');
  const info = await tx.store.get(symbol);
  if (info?.fetchSource) await tx.store.put({ ...info, fetchSource: { ...info.fetchSource, lastCheckedAt: at } });
  await tx.done;
}

/** A symbol is asked again on open at most this often, even when still behind (the provider may lag). */
export const RECHECK_AFTER_MS = 60 * 60 * 1000;

/**
 * Provider-fetched symbols worth refreshing when the app opens: behind the latest closed NYSE session and
 * not checked within the last hour. Feed symbols are left to the feed, which the app reads first.
 */
export function dueForRefresh(symbols: readonly SymbolInfo[], now: Date): string[] {
  return symbols
    .filter((s) => s.fetchSource && s.fetchSource.provider !== 'feed')
    .filter((s) => tradingDaysBehind(s.lastDate, now) > 0 && now.getTime() - Date.parse(s.fetchSource!.lastCheckedAt) >= RECHECK_AFTER_MS)
    .map((s) => s.symbol);
}

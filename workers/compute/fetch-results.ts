/**
 * The result list of Get prices, Refresh and the site feed: one line per symbol, in the user's words. API
 * keys are removed from every message here, the last point before a message leaves the worker.
 */
import { CancelledError, type ProgressListener } from '../../src/core/jobs/progress';
import { describeProviderError, ProviderError, redactKey, type ProviderErrorKind } from '../../src/core/providers';
import type { FetchedWrite } from '../../src/store/fetched-symbols';

export type SymbolResultStatus = 'added' | 'updated' | 'replaced' | 'up-to-date' | 'skipped' | 'failed';

/** One line of the result list. */
export interface SymbolResult {
  symbol: string;
  status: SymbolResultStatus;
  /** Bars on dates that were not stored before. */
  added: number;
  barCount?: number;
  firstDate?: string;
  lastDate?: string;
  /** What happened, or what went wrong and what to do, in the user's words. */
  message: string;
  problem?: ProviderErrorKind | 'other';
}

/** Where a multi-symbol job stands, for progress messages and cancel. */
export interface Step {
  signal: AbortSignal;
  onProgress?: ProgressListener;
  done: number;
  total: number;
}

/** The result line of a completed write. */
export function writtenResult(symbol: string, write: Extract<FetchedWrite, { status: 'written' }>, status: SymbolResultStatus, message: string): SymbolResult {
  return { symbol, status, added: write.added, barCount: write.barCount, firstDate: write.firstDate, lastDate: write.lastDate, message };
}

/** A failure as a result line. A cancellation is not a failure: it is rethrown and stops the job. */
export function failedResult(symbol: string, error: unknown, apiKey: string | undefined): SymbolResult {
  if (error instanceof CancelledError || (error instanceof Error && error.name === 'AbortError')) throw new CancelledError();
  const message = redactKey(describeProviderError(error, { shell: 'browser' }), apiKey);
  return { symbol, status: 'failed', added: 0, message, problem: error instanceof ProviderError ? error.kind : 'other' };
}

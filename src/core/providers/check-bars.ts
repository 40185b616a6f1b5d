/**
 * Bars from a provider go through the same rules as imported files (src/core/data/normalise.ts): positive
 * prices, high >= low, open and close inside [low, high], sorted by date, one bar per date (a later page
 * wins over an earlier one). The bars are laid out as a text table so that `readBars` checks them; nothing
 * here is a second set of rules.
 */
import { throwIfCancelled } from '../jobs/progress';
import type { ColumnMap } from '../data/columns';
import { readBars, type TextTable } from '../data/normalise';
import { ProblemList } from '../data/problems';
import type { Bar } from '../data/types';
import { providerError, type ReplyContext } from './reply';

const cell = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '' : String(value));

/** Problems quoted in the error before "and N more". */
const SHOWN = 3;

/** Valid bars in ascending date order, or a `malformed` error naming the first bad bars by date. */
export async function checkBars(bars: readonly Bar[], ctx: ReplyContext, signal?: AbortSignal): Promise<Bar[]> {
  const withAdjClose = bars.some((b) => b.adjClose !== undefined);
  const columns: ColumnMap = { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5, ...(withAdjClose ? { adjClose: 6 } : {}) };
  const table: TextTable = {
    labels: ['date', 'open', 'high', 'low', 'close', 'volume', 'adjClose'],
    rows: bars.map((b) => [b.date, cell(b.open), cell(b.high), cell(b.low), cell(b.close), cell(b.volume), cell(b.adjClose)]),
    rowNumbers: bars.map((_, i) => i),
  };
  const problems = new ProblemList(`${ctx.provider} ${ctx.symbol}`);
  const [found] = await readBars(table, columns, { symbol: ctx.symbol, keepLastDuplicates: true, decimalComma: false }, problems, { signal });
  throwIfCancelled(signal);
  const errors = problems.items.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const quoted = errors.slice(0, SHOWN).map((p) => `${p.row !== undefined ? `bar ${bars[p.row].date}` : 'reply'}${p.column ? ` ${p.column}` : ''}: ${p.message}`);
    const more = errors.length > SHOWN ? ` and ${errors.length - SHOWN} more` : '';
    throw providerError(ctx, 'malformed', `the reply holds invalid bars (${quoted.join('; ')}${more})`);
  }
  return found?.bars ?? [];
}

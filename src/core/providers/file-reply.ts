/**
 * Replies that are whole price files (Stooq's CSV, the user's own CSV/JSON URLs) are read by the importer
 * (`parseImportFile`), with its column detection, date formats and row-level problems: no second parser.
 */
import { parseImportFile } from '../data/parse';
import { formatProblem } from '../data/problems';
import { providerError, type ReplyContext } from './reply';
import type { ProviderPage } from './types';

/** Problems quoted before "and N more". */
const SHOWN = 3;

/** The bars of `ctx.symbol` in a file reply; `fileName` tells CSV from JSON (`.json`) and names rows in messages. */
export async function readPriceFile(body: string, fileName: string, ctx: ReplyContext, signal?: AbortSignal): Promise<ProviderPage> {
  const parsed = await parseImportFile({ name: fileName, bytes: new TextEncoder().encode(body) }, { symbol: ctx.symbol }, { signal });
  if (parsed.needsMapping) {
    const { reasons, columns } = parsed.needsMapping;
    throw providerError(ctx, 'malformed', `cannot tell which column is which in ${fileName} (${reasons.join('; ')}; columns: ${columns.join(', ')})`);
  }
  if (!parsed.ok) {
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    const more = errors.length > SHOWN ? ` and ${errors.length - SHOWN} more` : '';
    throw providerError(ctx, 'malformed', `${errors.slice(0, SHOWN).map(formatProblem).join('; ')}${more}`);
  }
  const [found] = parsed.symbols;
  const page: ProviderPage = { bars: found.bars };
  if (found.name !== undefined) page.name = found.name;
  return page;
}

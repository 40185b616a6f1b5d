/** Which stored symbols are the demo's (kept apart from demo.ts so the symbol list need not load the importer). */
import type { SymbolInfo } from './schema';

/** The source every demo symbol is stored with (`demo: vega-datasets <file>`). */
export const DEMO_SOURCE_PREFIX = 'demo: ';

export function isDemoSymbol(info: Pick<SymbolInfo, 'source'>): boolean {
  return info.source.startsWith(DEMO_SOURCE_PREFIX);
}

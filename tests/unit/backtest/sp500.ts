import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseImportFile } from '../../../src/core/data/parse';
import { barsToSeries, type PriceSeries } from '../../../src/core/data/types';

export const sp500Path = resolve(import.meta.dirname, '../../../node_modules/vega-datasets/data/sp500-2000.csv');

/** The demo S&P 500 daily bars (2000-2020), read with the app's own importer. */
export async function loadSp500(): Promise<PriceSeries> {
  const parsed = await parseImportFile({ name: 'SPX.csv', bytes: new Uint8Array(readFileSync(sp500Path)) });
  if (!parsed.ok) throw new Error(`sp500-2000.csv did not import: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return barsToSeries('SPX', parsed.symbols[0].bars);
}

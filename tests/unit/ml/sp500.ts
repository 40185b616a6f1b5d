import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseImportFile } from '../../../src/core/data/parse';
import { barsToSeries, type PriceSeries } from '../../../src/core/data/types';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const sp500Csv = resolve(repoRoot, 'node_modules/vega-datasets/data/sp500-2000.csv');

/** The demo S&P 500 daily bars (2000-2020), read with the app's own importer. */
export async function loadSp500(): Promise<PriceSeries> {
  const parsed = await parseImportFile({ name: 'SPX.csv', bytes: readFileSync(sp500Csv) });
  if (!parsed.ok) throw new Error(`demo data did not parse: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
  return barsToSeries('SPX', parsed.symbols[0].bars);
}

export interface Reference {
  bars: number;
  sample: { index: number[]; date: string[]; indicators: Record<string, (number | null)[]>; features: Record<string, (number | null)[]> };
  dataset: { rows: number; firstDate: string; lastDate: string; cutDate: string; buyRate: number; sellRate: number };
  models: Record<'none' | 'balanced', Record<'buy' | 'sell', {
    coefficients: Record<string, number>; intercept: number; auc: { train: number; test: number }; nTrain: number; nTest: number;
    baseRate: { train: number; test: number };
  }>>;
  synthetic: { x: number[][]; y: number[]; fits: { C: number; classWeight: 'none' | 'balanced'; weights: number[]; intercept: number; objective: number }[] };
}

/** Golden values written by tests/reference/ml/logistic_reference.py (numpy/scipy, independent code). */
export const reference = JSON.parse(readFileSync(resolve(repoRoot, 'tests/fixtures/ml/sp500-reference.json'), 'utf8')) as Reference;

/** The subset both reference scripts write (the pandas/scikit-learn one writes only this). */
export type CommonReference = {
  sample: Pick<Reference['sample'], 'index' | 'indicators' | 'features'>;
  dataset: Pick<Reference['dataset'], 'rows' | 'cutDate'>;
  models: Record<'none' | 'balanced', Record<'buy' | 'sell', Pick<Reference['models']['none']['buy'], 'coefficients' | 'intercept' | 'auc' | 'nTrain' | 'nTest'>>>;
};

/** Golden values written by tests/reference/ml/sklearn_reference.py (pandas + scikit-learn, the original design's libraries). */
export const sklearnReference = JSON.parse(readFileSync(resolve(repoRoot, 'tests/fixtures/ml/sp500-sklearn.json'), 'utf8')) as CommonReference;

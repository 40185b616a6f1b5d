/**
 * Dual logistic models in the compute worker: bars are read from IndexedDB here (large arrays never
 * cross the UI thread), training reports progress and can be cancelled with `cancel(jobId)`, and
 * trained models are saved in the `mlModels` store.
 */
import type { ProgressListener } from '../../src/core/jobs/progress';
import { indicatorColumns, makeOperandResolver } from '../../src/core/features';
import { predictSymbol, sliceRange, trainDualModel, type DualModel, type MlSettings, type SymbolPredictions } from '../../src/core/ml';
import { loadSeries } from '../../src/store/bars';
import { getQuantDb } from '../../src/store/db';
import { putRecord } from '../../src/store/records';
import { finishJob, startJob } from './jobs';

/** What the `mlModels` store holds. */
export interface SavedModel {
  id: string;
  name: string;
  createdAt: string;
  model: DualModel;
}

/** A symbol's candles, overlays and model outputs for the signal chart. */
export interface ModelChartData extends SymbolPredictions {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  overlays: { name: string; values: Float64Array }[];
}

async function loadBars(symbols: readonly string[]) {
  const db = await getQuantDb();
  const series = await Promise.all(symbols.map((s) => loadSeries(db, s)));
  const empty = series.find((s) => s.dates.length === 0);
  if (empty) throw new Error(`symbol ${empty.symbol} has no stored bars (import it in the Data tab)`);
  return { db, series };
}

const overlayNames = ['ema9', 'ema30', 'bb_upper20', 'bb_lower20'];

export interface LatestPrediction {
  symbol: string;
  date: string;
  close: number;
  pBuy: number;
  pSell: number;
}

export const mlApi = {
  /** Trains on the stored bars of `symbols` (pooled), saves the model and returns it with its id. */
  async trainModel(jobId: string, symbols: string[], settings: Partial<MlSettings>, onProgress?: ProgressListener): Promise<SavedModel> {
    const signal = startJob(jobId);
    try {
      if (symbols.length === 0) throw new Error('choose at least one symbol');
      const { db, series } = await loadBars(symbols);
      const model = await trainDualModel(series, settings, { signal, onProgress });
      const createdAt = new Date().toISOString();
      const saved: SavedModel = { id: `model-${createdAt}-${symbols.join('+')}`, name: `${symbols.join(', ')} ${createdAt.slice(0, 16)}`, createdAt, model };
      await putRecord(db, 'mlModels', saved);
      return saved;
    } finally {
      finishJob(jobId);
    }
  },

  /** Candles, EMA/Bollinger overlays, probabilities and signals of one symbol under a model. */
  /**
   * The model's probabilities on each symbol's latest stored bar, for today's signals. All stored
   * history feeds the indicators, whatever date range the model was trained on, and only one row per
   * symbol crosses to the page.
   */
  async latestPredictions(model: DualModel, symbols: string[]): Promise<LatestPrediction[]> {
    const { series } = await loadBars(symbols);
    return series.map((bars) => {
      const p = predictSymbol(model, bars);
      const last = bars.dates.length - 1;
      return { symbol: bars.symbol, date: bars.dates[last], close: bars.close[last], pBuy: p.pBuy[last], pSell: p.pSell[last] };
    });
  },

  async modelChart(model: DualModel, symbol: string): Promise<ModelChartData> {
    const { series } = await loadBars([symbol]);
    const bars = sliceRange({ ...series[0] }, model.settings.from, model.settings.to);
    const resolve = makeOperandResolver(bars);
    const overlays = indicatorColumns.filter(([name]) => overlayNames.includes(name)).map(([name, operand]) => ({ name, values: resolve(operand) }));
    const predictions = predictSymbol(model, bars);
    return { ...predictions, open: bars.open, high: bars.high, low: bars.low, close: bars.close, overlays };
  },
};

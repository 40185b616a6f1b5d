/**
 * Runs the chosen strategy on the latest stored bar of each watchlist symbol, in the workers:
 * forecasts through the forecast worker (a cached Chronos model, or a baseline when none is
 * cached), or the site's precomputed forecasts (data/forecasts.json, no model needed: a phone on the
 * Pages site gets Chronos signals without downloading weights); dual-logistic probabilities through the
 * compute worker's saved-model predictions.
 */
import { throwIfCancelled } from '../../core/jobs/progress';
import { forecastSignal, mlSignalFor, type TodaySignal } from '../../core/paper';
import { settingsGroup, type SettingValues } from '../../core/settings';
import { forecastStrategyDefaults, type ForecastStrategySettings } from '../../core/strategy/forecast';
import { getQuantDb, type SymbolInfo } from '../../store/db';
import { getPublishedForecast } from '../../store/published-forecasts';
import type { JobContext } from '../lib/jobs';
import { computeWorker, forecastWorker } from '../lib/workers';

export type SignalSource = { kind: 'forecast'; model: string } | { kind: 'logistic'; model: SavedMlModel };

/** The forecast model menu's entry for the site's precomputed forecasts. */
export const PUBLISHED_MODEL = 'published';

/** The signal of a symbol from the site's forecast, when that forecast used the symbol's latest bar. */
async function publishedSignal(info: SymbolInfo, settings: ForecastStrategySettings): Promise<TodaySignal> {
  const published = await getPublishedForecast(await getQuantDb(), info.symbol);
  if (!published || published.lastDate !== info.lastDate) {
    const why = published ? `the site's forecast is as of ${published.lastDate}, the latest bar is ${info.lastDate}` : 'the site published no forecast of it';
    return { symbol: info.symbol, date: info.lastDate, price: info.lastClose, action: 'hold', expectedReturn: NaN, confidence: NaN, probabilityUp: NaN,
      probabilitySell: NaN, kellyWeight: 0, reason: `no precomputed forecast: ${why} (choose a model to forecast on this device)` };
  }
  const signal = forecastSignal(info.symbol, info.lastDate, info.lastClose, published.forecast, settings);
  return { ...signal, reason: `${signal.reason}; precomputed on the site by ${published.model.identity}` };
}

/** The part of the ML helper's saved model record this needs (src: workers/compute/ml.ts). */
export interface SavedMlModel {
  id: string;
  name: string;
  model: Parameters<ReturnType<typeof computeWorker>['modelChart']>[0];
}

export function strategySettings(values: SettingValues): ForecastStrategySettings {
  return { ...forecastStrategyDefaults, ...settingsGroup<ForecastStrategySettings>(values, 'strategy.forecast.') };
}

/** The watchlist setting as stored symbols (every stored symbol when it is empty). */
export function watchlistSymbols(values: SettingValues, stored: readonly SymbolInfo[]): SymbolInfo[] {
  const wanted = String(values['paper.watchlist'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return wanted.length ? stored.filter((s) => wanted.includes(s.symbol)) : [...stored];
}

export async function computeTodaysSignals(symbols: readonly SymbolInfo[], source: SignalSource, values: SettingValues, { jobId, onProgress, signal }: JobContext): Promise<TodaySignal[]> {
  const settings = strategySettings(values);
  const out: TodaySignal[] = [];
  onProgress({ status: 'progress', done: 0, total: symbols.length, unit: 'symbols' });
  for (const [i, info] of symbols.entries()) {
    throwIfCancelled(signal);
    if (source.kind === 'forecast' && source.model === PUBLISHED_MODEL) {
      out.push(await publishedSignal(info, settings));
    } else if (source.kind === 'forecast') {
      const result = await forecastWorker().forecastSymbol(jobId, { model: source.model, symbol: info.symbol, horizon: settings.horizon, contextBars: settings.contextLength });
      out.push(forecastSignal(info.symbol, info.lastDate, info.lastClose, result.forecast, settings));
    } else {
      const [latest] = await computeWorker().latestPredictions(source.model.model, [info.symbol]);
      const ml = source.model.model.settings;
      const payoff = ml.buyThreshold / Math.abs(ml.sellThreshold);
      out.push(mlSignalFor(info.symbol, latest.date, latest.close, latest.pBuy, latest.pSell, ml.confidence, payoff, Math.abs(ml.sellThreshold), settings));
    }
    onProgress({ status: 'progress', done: i + 1, total: symbols.length, unit: 'symbols', message: info.symbol });
  }
  return out;
}

/**
 * Every default of the app in one list, taken from each area's own defaults (so the Settings tab
 * and the engines can never disagree about a default value), each with an explanation.
 */
import { defaultBacktestConfig } from '../backtest/config';
import { DEFAULT_HORIZON, DEFAULT_SEASON } from '../forecast/defaults';
import { defaultMlSettings, defaultWalkForward } from '../ml/defaults';
import { paramSettingKey, type StrategyDescriptor } from '../strategy/define';
import { builtInStrategies } from '../strategy/registry';
import type { SettingDefinition } from './types';

/**
 * The strategy area: one entry per parameter of each built-in strategy, from its declaration
 * (define.ts). A parameter whose default lives in another area's setting (`setting`) adds none.
 */
export function strategySettingDefinitions(descriptors: readonly StrategyDescriptor[]): SettingDefinition[] {
  return descriptors.flatMap((d) => Object.entries(d.params).flatMap(([name, p]): SettingDefinition[] => {
    if (p.setting) return [];
    const common = { key: paramSettingKey(d, name), area: 'strategy' as const, label: `${d.label}: ${p.label}`, help: p.help };
    if (p.kind === 'choice') return [{ ...common, kind: 'choice', choices: p.choices, defaultValue: p.default }];
    if (p.kind === 'text') return [{ ...common, kind: 'text', maxLength: p.maxLength, check: p.check, defaultValue: p.default }];
    return [{ ...common, kind: 'number', min: p.min, max: p.max, integer: p.integer, percent: p.unit === 'percent', defaultValue: p.default }];
  }));
}

const SYMBOL_LIST = /^[A-Za-z0-9.\-^=_:/]+(\s*,\s*[A-Za-z0-9.\-^=_:/]+)*$|^$/;

export const settingDefinitions: readonly SettingDefinition[] = [
  ...strategySettingDefinitions(builtInStrategies),

  // Backtest (same names as the CLI options).
  { key: 'backtest.capital', area: 'backtest', kind: 'number', min: 1, max: 1e12, defaultValue: defaultBacktestConfig.capital, label: 'Initial capital', help: 'Money the backtest starts with.' },
  { key: 'backtest.commission', area: 'backtest', kind: 'number', percent: true, min: 0, max: 0.1, defaultValue: defaultBacktestConfig.commission, label: 'Commission', help: 'Charged on the traded value of every fill (0.1% = 10 basis points).' },
  { key: 'backtest.slippage', area: 'backtest', kind: 'number', percent: true, min: 0, max: 0.1, defaultValue: defaultBacktestConfig.slippage, label: 'Slippage', help: 'Each fill is moved against you by this much: buys pay more, sells get less.' },
  { key: 'backtest.rebalance', area: 'backtest', kind: 'choice', choices: ['daily', 'weekly', 'monthly'], defaultValue: defaultBacktestConfig.rebalance, label: 'Rebalance', help: 'How often the strategy is asked for new decisions.' },
  { key: 'backtest.wholeShares', area: 'backtest', kind: 'boolean', defaultValue: defaultBacktestConfig.wholeShares, label: 'Whole shares only', help: 'Round share counts down, as most brokers require.' },
  { key: 'backtest.allowShort', area: 'backtest', kind: 'boolean', defaultValue: defaultBacktestConfig.allowShort, label: 'Allow short selling', help: 'Let SELL signals open short positions instead of only closing longs.' },
  { key: 'backtest.borrowRate', area: 'backtest', kind: 'number', percent: true, min: 0, max: 5, defaultValue: defaultBacktestConfig.borrowRate, label: 'Borrow fee of shorts (per year)', help: 'Yearly fee for borrowing the shares you sell short, charged daily on their value (0.3% is typical for large caps; hard-to-borrow stocks cost far more).' },

  // ML (dual logistic models).
  { key: 'ml.horizon', area: 'ml', kind: 'number', integer: true, min: 1, max: 250, defaultValue: defaultMlSettings.horizon, label: 'Target horizon (days)', help: 'The models learn whether the price will be up or down this many days later.' },
  { key: 'ml.buyThreshold', area: 'ml', kind: 'number', percent: true, min: 0, max: 1, defaultValue: defaultMlSettings.buyThreshold, label: 'Buy target', help: 'A day is a "buy" example when the forward return exceeds this.' },
  { key: 'ml.sellThreshold', area: 'ml', kind: 'number', percent: true, min: -1, max: 0, defaultValue: defaultMlSettings.sellThreshold, label: 'Sell target', help: 'A day is a "sell" example when the forward return is below this.' },
  { key: 'ml.confidence', area: 'ml', kind: 'number', percent: true, min: 0.5, max: 1, defaultValue: defaultMlSettings.confidence, label: 'Signal probability', help: 'A model must be at least this sure (and surer than the other model) to signal.' },
  { key: 'ml.C', area: 'ml', kind: 'number', min: 1e-6, max: 1e6, defaultValue: defaultMlSettings.C, label: 'Regularisation C', help: 'Inverse strength of the L2 penalty (as scikit-learn). Smaller C means simpler, more cautious models.' },
  { key: 'ml.classWeight', area: 'ml', kind: 'choice', choices: ['none', 'balanced'], defaultValue: defaultMlSettings.classWeight, label: 'Class weights', help: "'balanced' gives rare outcomes as much weight as common ones." },
  { key: 'mlWalkForward.retrainEveryDays', area: 'ml', kind: 'number', integer: true, min: 1, max: 5000, defaultValue: defaultWalkForward.retrainEveryDays, label: 'Walk-forward: retrain every (days)', help: 'With walk-forward evaluation, the models are refitted after this many trading days and predict the next block.' },
  { key: 'mlWalkForward.window', area: 'ml', kind: 'choice', choices: ['expanding', 'rolling'], defaultValue: defaultWalkForward.window, label: 'Walk-forward: training window', help: "'expanding' trains on all the past; 'rolling' only on the most recent days below." },
  { key: 'mlWalkForward.windowDays', area: 'ml', kind: 'number', integer: true, min: 1, max: 20000, defaultValue: defaultWalkForward.windowDays, label: 'Walk-forward: rolling window (days)', help: 'Length of the rolling training window.' },
  { key: 'mlWalkForward.minTrainDays', area: 'ml', kind: 'number', integer: true, min: 1, max: 20000, defaultValue: defaultWalkForward.minTrainDays, label: 'Walk-forward: minimum training days', help: 'The first block is predicted once this many days can train the models.' },
  { key: 'ml.trainFraction', area: 'ml', kind: 'number', percent: true, min: 0.1, max: 0.95, defaultValue: defaultMlSettings.trainFraction, label: 'Training share', help: 'The oldest share of the data trains the models; the newest rest tests them.' },

  // Forecasts.
  { key: 'forecast.horizon', area: 'forecast', kind: 'number', integer: true, min: 1, max: 256, defaultValue: DEFAULT_HORIZON, label: 'Forecast horizon (days)', help: 'Trading days ahead shown in the Forecasts tab.' },
  { key: 'forecast.season', area: 'forecast', kind: 'number', integer: true, min: 1, max: 366, defaultValue: DEFAULT_SEASON, label: 'Seasonal-naive period', help: 'Season length of the seasonal-naive baseline (5 = one trading week).' },

  // Paper trading (Overview).
  { key: 'paper.strategy', area: 'paper', kind: 'choice', choices: ['forecast', 'logistic'], defaultValue: 'forecast', label: "Today's signals from", help: "'forecast' uses the forecast strategy above; 'logistic' uses the latest saved dual logistic model." },
  { key: 'paper.watchlist', area: 'paper', kind: 'text', maxLength: 2000, pattern: SYMBOL_LIST, patternName: 'symbols separated by commas', defaultValue: '', label: 'Watchlist', help: 'Symbols to compute signals for, separated by commas. Empty means every stored symbol.' },
  { key: 'paper.startingCapital', area: 'paper', kind: 'number', min: 1, max: 1e12, defaultValue: 100_000, label: 'Starting capital of new portfolios', help: 'Cash a new paper portfolio starts with.' },
  { key: 'paper.commission', area: 'paper', kind: 'number', percent: true, min: 0, max: 0.1, defaultValue: defaultBacktestConfig.commission, label: 'Paper commission', help: 'Commission rate charged on mock trades of new portfolios.' },
  { key: 'paper.slippage', area: 'paper', kind: 'number', percent: true, min: 0, max: 0.1, defaultValue: defaultBacktestConfig.slippage, label: 'Paper slippage', help: 'Slippage applied to mock trades of new portfolios.' },
  { key: 'paper.benchmark', area: 'paper', kind: 'text', maxLength: 32, pattern: /^[A-Za-z0-9.\-^=_:/]*$/, patternName: 'a symbol such as SPX', defaultValue: '', label: 'Benchmark', help: 'Symbol the portfolio beta is measured against. Empty means the stored symbol with the longest history.' },

  // Data: getting and refreshing prices (Data tab). API keys are NOT settings: they live in their own row
  // (src/store/provider-keys.ts) so that a settings export never carries them.
  { key: 'data.corsProxy', area: 'data', kind: 'text', maxLength: 500, pattern: /^$|^https?:\/\/\S+$/, patternName: 'an http(s) URL such as https://my-proxy.example.workers.dev/?url=', defaultValue: '', label: 'CORS proxy URL prefix', help: "Browsers refuse replies from some price providers to other sites (Yahoo Finance does). A CORS proxy fetches for the page and adds the permission header. The provider's full URL is appended to this prefix (percent-encoded when the prefix ends with '='), so the whole request, including any API key in it, goes through the proxy: use one you run yourself, e.g. a small Cloudflare worker. Empty means ask providers directly." },
  { key: 'data.refreshOnOpen', area: 'data', kind: 'boolean', defaultValue: true, label: 'Refresh fetched symbols when the app opens', help: 'Symbols fetched from a provider that are behind the latest trading day get their new bars when the app opens (at most once an hour each).' },
  { key: 'data.loadSiteFeed', area: 'data', kind: 'boolean', defaultValue: true, label: "Load this site's published data feed on open", help: "When the site publishes data/manifest.json (see docs/hosting.md), its symbols are imported, and kept current, when the app opens. A site without a feed is noted quietly." },
];

export const areaLabels: Record<SettingDefinition['area'], string> = {
  strategy: 'Strategy',
  backtest: 'Backtest',
  ml: 'Machine learning',
  forecast: 'Forecasts',
  paper: 'Paper trading',
  data: 'Data',
};

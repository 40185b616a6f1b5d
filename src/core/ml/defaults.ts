import { seedFeatureNames } from '../features';

export type ClassWeight = 'none' | 'balanced';
export type WindowKind = 'expanding' | 'rolling';

/** Walk-forward evaluation: retrain every `retrainEveryDays` trading dates, predict the next block. */
export interface WalkForwardSettings {
  retrainEveryDays: number;
  window: WindowKind;
  /** Rolling window length in trading dates (ignored for an expanding window). */
  windowDays: number;
  /** Trading dates of labelled history required before the first prediction block. */
  minTrainDays: number;
}

/** Every setting of the dual logistic models; experiments store them and may override any one. */
export interface MlSettings {
  features: string[];
  /** Forward-return horizon in bars. */
  horizon: number;
  /** Buy target: forward return above this fraction. */
  buyThreshold: number;
  /** Sell target: forward return below this (negative) fraction. */
  sellThreshold: number;
  /** Probability a model must exceed to give a buy/sell signal (also the precision/recall threshold). */
  confidence: number;
  /** Inverse L2 strength as in scikit-learn's LogisticRegression(C). */
  C: number;
  classWeight: ClassWeight;
  /** Share of the date-sorted eligible rows before the cut date (time-ordered split). */
  trainFraction: number;
  /** Optional date range of the bars used (inclusive, YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** When set, evaluation is walk-forward instead of the single time split. */
  walkForward?: WalkForwardSettings;
}

export const defaultWalkForward: WalkForwardSettings = { retrainEveryDays: 63, window: 'expanding', windowDays: 756, minTrainDays: 504 };

export const defaultMlSettings: MlSettings = {
  features: [...seedFeatureNames],
  horizon: 10,
  buyThreshold: 0.02,
  sellThreshold: -0.03,
  confidence: 0.65,
  C: 1,
  classWeight: 'none',
  trainFraction: 0.8,
};

/** Defaults overridden by any provided setting (undefined values keep the default). */
export function resolveSettings(overrides: Partial<MlSettings> = {}): MlSettings {
  const settings: MlSettings = { ...defaultMlSettings, features: [...defaultMlSettings.features] };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) (settings as unknown as Record<string, unknown>)[key] = value;
  validateSettings(settings);
  return settings;
}

/** Throws a RangeError naming the first setting out of range. */
export function validateSettings(s: MlSettings): void {
  const fail = (name: string, expected: string, got: unknown) => {
    throw new RangeError(`setting ${name}: expected ${expected}, got ${JSON.stringify(got)}`);
  };
  if (!Array.isArray(s.features) || s.features.length === 0) fail('features', 'a non-empty list', s.features);
  if (!Number.isInteger(s.horizon) || s.horizon < 1) fail('horizon', 'an integer >= 1', s.horizon);
  if (!(s.buyThreshold > -1)) fail('buyThreshold', 'a fraction > -1', s.buyThreshold);
  if (!(s.sellThreshold > -1)) fail('sellThreshold', 'a fraction > -1', s.sellThreshold);
  if (!(s.confidence > 0 && s.confidence < 1)) fail('confidence', 'a probability in (0, 1)', s.confidence);
  if (!(s.C > 0 && Number.isFinite(s.C))) fail('C', 'a positive number', s.C);
  if (s.classWeight !== 'none' && s.classWeight !== 'balanced') fail('classWeight', '"none" or "balanced"', s.classWeight);
  if (!(s.trainFraction > 0 && s.trainFraction < 1)) fail('trainFraction', 'a fraction in (0, 1)', s.trainFraction);
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (s.from !== undefined && !date.test(s.from)) fail('from', 'YYYY-MM-DD', s.from);
  if (s.to !== undefined && !date.test(s.to)) fail('to', 'YYYY-MM-DD', s.to);
  const wf = s.walkForward;
  if (wf) {
    if (!Number.isInteger(wf.retrainEveryDays) || wf.retrainEveryDays < 1) fail('walkForward.retrainEveryDays', 'an integer >= 1', wf.retrainEveryDays);
    if (wf.window !== 'expanding' && wf.window !== 'rolling') fail('walkForward.window', '"expanding" or "rolling"', wf.window);
    if (!Number.isInteger(wf.windowDays) || wf.windowDays < 1) fail('walkForward.windowDays', 'an integer >= 1', wf.windowDays);
    if (!Number.isInteger(wf.minTrainDays) || wf.minTrainDays < 1) fail('walkForward.minTrainDays', 'an integer >= 1', wf.minTrainDays);
  }
}

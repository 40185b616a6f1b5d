import { seedFeatureNames } from '../features';
import { array, formatIssues, isoDate, number, object, oneOf, optional, string, validate } from '../validate';

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

const count = () => number({ integer: true, min: 1 });

/** The checks of every ML setting (validate/ builders, as every other user input). */
const settingsSchema = object({
  features: array(string({ minLength: 1, maxLength: 500 }), { minLength: 1, maxLength: 1000 }),
  horizon: count(),
  buyThreshold: number({ above: -1 }),
  sellThreshold: number({ above: -1 }),
  confidence: number({ above: 0, below: 1 }),
  C: number({ above: 0 }),
  classWeight: oneOf(['none', 'balanced']),
  trainFraction: number({ above: 0, below: 1 }),
  from: optional(isoDate()),
  to: optional(isoDate()),
  walkForward: optional(object({ retrainEveryDays: count(), window: oneOf(['expanding', 'rolling']), windowDays: count(), minTrainDays: count() })),
});

/** Throws a RangeError naming every setting out of range (`setting.horizon: expected a number >= 1, got 0`). */
export function validateSettings(s: MlSettings): void {
  const checked = validate(settingsSchema, s, { root: 'setting' });
  if (!checked.ok) throw new RangeError(formatIssues(checked.errors));
}
